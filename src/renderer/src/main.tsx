import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createRpcClient } from '../../shared/rpc/client'
import { App } from './App'
import { RpcContext } from './rpc/hooks'
import { pickTransport } from './rpc/transport'
import './styles.css'

const rpc = createRpcClient(pickTransport())
const root = document.getElementById('root')
if (!root) throw new Error('index.html lacks #root')

createRoot(root).render(
  <StrictMode>
    <RpcContext value={rpc}>
      <App />
    </RpcContext>
  </StrictMode>,
)
