// The chat, on the original's API (socket:network): one peer per window, one subcluster per room, and one
// named event, `message`, whose value is {name, text}; socket:network seals it for the room and signs it.
import { network, Encryption } from 'socket:network'

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

const members = new Set()
let me = 'starting…'
const setStatus = (nat = '') => {
  status.textContent = `${name} in "${room}" · ${me}${nat} · ${members.size} other(s) here`
}

// A server or a second copy of this app can be an introducer: given with --bootstrap, none are built in.
const net = await network({
  clusterId: await Encryption.createClusterId('socket-runtime-chat'),
  signingKeys: await Encryption.createKeyPair(),
  bootstrap,
  config: { keepaliveMs: 2000 }
})
const channel = await net.subcluster({ sharedKey: await Encryption.createSharedKey(room) })

net.on('#ready', (info) => {
  // Our address as the introducers see it: what a second peer passes as --bootstrap to find this one.
  me = info.address ? `${info.address}:${info.port}` : `peer ${info.peerId.slice(0, 8)}`
  setStatus(` · NAT ${info.natName}`)
  if (info.address) show('chat', `This peer is at ${info.address}:${info.port}. Start a second one with --bootstrap=${info.address}:${info.port} --room=${room} to talk to it.`, 'system')
})
channel.on('message', (value, packet) => {
  if (value && typeof value === 'object') show(String(value.name), String(value.text))
  else show(packet.peerId.slice(0, 8), '(a message this app cannot read)', 'system')
})
channel.on('#join', (peer) => { if (!members.has(peer.peerId)) { members.add(peer.peerId); setStatus() } })
channel.on('#leave', (peer) => { members.delete(peer.peerId); setStatus() })
net.on('#error', (err) => show('chat', `error: ${err?.message ?? err}`, 'system'))

setStatus()
if (bootstrap.length === 0) show('chat', 'No --bootstrap peers given: waiting for others to find this one.', 'system')

async function send (text) {
  await channel.emit('message', { name, text })
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
globalThis.chat = { net, channel, name, room, send, members }
