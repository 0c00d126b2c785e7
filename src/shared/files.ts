/** The protocol the Electron shell registers to serve files from the app's own store. */
export const ELECTRON_FILE_SCHEME = 'fieldstation-file'
