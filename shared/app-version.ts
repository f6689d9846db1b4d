/**
 * The app's version, as package.json says (a unit test keeps the two equal). The desk reports it
 * to the hub, so the site's supervisor sees which desks run which version.
 */
export const APP_VERSION = '0.1.0';
