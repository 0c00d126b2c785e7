import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createBridge } from './bridge'

contextBridge.exposeInMainWorld('fieldstation', createBridge(ipcRenderer, webUtils))
