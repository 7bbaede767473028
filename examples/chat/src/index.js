// The chat: one peer per window, one subcluster per room. Messages are JSON {name, text}, sealed for the room
// and signed by their author by socket:peer; the list shows each message once, in arrival order.
import { Peer } from 'socket:peer'

const argv = globalThis.__args?.argv ?? []
const option = (name, fallback) => argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback
const bootstrap = option('bootstrap', '').split(',').filter(Boolean).map((endpoint) => {
  const at = endpoint.lastIndexOf(':')
  return { address: endpoint.slice(0, at), port: Number(endpoint.slice(at + 1)) }
})
const room = option('room', 'lobby')
const name = option('name', `guest-${Math.floor(Math.random() * 1000)}`)

const list = document.getElementById('messages')
const status = document.getElementById('status')
const encoder = new TextEncoder()
const decoder = new TextDecoder()

function show (who, text, kind = '') {
  const li = document.createElement('li')
  if (kind) li.className = kind
  const b = document.createElement('span')
  b.className = 'who'
  b.textContent = who
  li.append(b, document.createTextNode(text))
  list.append(li)
  list.scrollTop = list.scrollHeight
}

const peer = new Peer({ bootstrap, config: { keepaliveMs: 2000 } })
const members = new Set()
const setStatus = () => {
  status.textContent = `${name} in "${room}" · peer ${peer.peerId.slice(0, 8)} · NAT ${peer.natName} · ${members.size} other(s) here`
}

peer.on('packet', ({ data, author }) => {
  try {
    const message = JSON.parse(decoder.decode(data))
    show(String(message.name), String(message.text))
  } catch {
    show(author.slice(0, 8), '(a message this app cannot read)', 'system')
  }
})
peer.on('join', ({ peerId }) => { if (!members.has(peerId)) { members.add(peerId); setStatus() } })
peer.on('leave', ({ peerId }) => { members.delete(peerId); setStatus() })
peer.on('nat', setStatus)

await peer.start()
const { idHex } = await peer.join(room)
setStatus()
if (bootstrap.length === 0) show('chat', 'No --bootstrap peers given: waiting for others to find this one.', 'system')

async function send (text) {
  await peer.publish(idHex, encoder.encode(JSON.stringify({ name, text })))
  show(name, text, 'mine')
}

document.getElementById('send').addEventListener('submit', (event) => {
  event.preventDefault()
  const input = document.getElementById('text')
  if (input.value.trim() === '') return
  void send(input.value)
  input.value = ''
})

// For tests and the curious: the page's state.
globalThis.chat = { peer, name, room, send, members }
