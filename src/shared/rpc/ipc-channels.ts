/** The two Electron IPC channels between preload and main. */
export const IPC_CHANNELS = { invoke: 'fieldstation:invoke', event: 'fieldstation:event' } as const
