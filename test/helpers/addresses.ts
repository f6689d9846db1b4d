/** A complete return address in the public API's shape, for tests that print labels. */
export const RETURN_ADDRESS = {
  recipientName: 'Contoso Data Team',
  streetAddress1: '1 Harbour Road',
  city: 'Gothenburg',
  postalCode: '41104',
  countryOrRegion: 'Sweden',
  phone: '+46 31 000 000',
  email: 'data@contoso.example',
} as const;
