// Sums the numbers it was started with and posts the sum back.
import { parentPort, workerData } from 'socket:worker_threads'

parentPort.postMessage(workerData.numbers.reduce((sum, n) => sum + n, 0))
