// Which protocol source a run measured: the last commit of runtime-js/peer and whether the working tree
// differed from it (with a short hash of the difference), so that a result can be traced to code.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'

export interface SourceStamp { peerCommit: string, peerTreeDirty: boolean, peerDiffHash: string | null }

export function sourceStamp (): SourceStamp {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const diff = git('diff', 'HEAD', '--', 'runtime-js/peer')
    return {
      peerCommit: git('log', '-1', '--format=%h', '--', 'runtime-js/peer'),
      peerTreeDirty: diff !== '',
      peerDiffHash: diff === '' ? null : createHash('sha256').update(diff).digest('hex').slice(0, 12)
    }
  } catch {
    return { peerCommit: 'unknown (not a git checkout)', peerTreeDirty: false, peerDiffHash: null }
  }
}
