// The chat, on the original's API (socket:network): one peer per window, one subcluster per room, and one
// named event, `message`, whose value is {name, text}; socket:network seals it for the room and signs it.
import { network, Encryption } from 'socket:network'
import { networkInterfaces } from 'socket:os'

const argv = globalThis.__args?.argv ?? []
const option = (name, fallback) => argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback
const bootstrap = option('bootstrap', '').split(',').filter(Boolean).map((endpoint) => {
  const at = endpoint.lastIndexOf(':')
  return { address: endpoint.slice(0, at), port: Number(endpoint.slice(at + 1)) }
})
const port = Number(option('port', '0')) || undefined
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
  port,
  config: { keepaliveMs: 2000 }
})
const channel = await net.subcluster({ sharedKey: await Encryption.createSharedKey(room) })

// Where a second peer can reach this one: the public endpoint once an introducer has seen it; before that (the
// first peer, started without --bootstrap) the bound port on this machine's own addresses (same host or LAN).
function reachableAt (info) {
  if (info.address) return [`${info.address}:${info.port}`]
  if (info.localPort === undefined) return []
  if (info.localAddress && info.localAddress !== '0.0.0.0') return [`${info.localAddress}:${info.localPort}`]
  const v4 = Object.values(networkInterfaces()).flat().filter(a => a.family === 'IPv4' || a.family === 4)
  return [...v4.filter(a => !a.internal), ...v4.filter(a => a.internal)].map(a => `${a.address}:${info.localPort}`)
}

net.on('#ready', (info) => {
  const at = reachableAt(info)
  me = at[0] ?? `peer ${info.peerId.slice(0, 8)}`
  setStatus(` · NAT ${info.natName}`)
  if (at.length === 0) return
  const where = info.address ? 'as its introducers see it' : 'on this machine\'s addresses (no introducer has told it its public one)'
  show('chat', `This peer is at ${at.join(', ')} ${where}. Start a second one with --bootstrap=${at[0]} --room=${room} to talk to it.`, 'system')
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
globalThis.chat = { net, channel, name, room, send, members, reachableAt }
