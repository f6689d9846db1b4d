/**
 * How the print log names where a document went when it is not a network printer's address
 * (`zpl://host:port`) or a system printer's name: stored as data, said in words on a screen.
 */
export const DIALOG_PRINTER_NAME = 'print dialog';
export const DOWNLOAD_PRINTER_NAME = 'download';
export const NETWORK_PRINTER_SCHEME = 'zpl://';
