// A test host reached over https as real use reaches Kondado: a certificate for its name, signed
// by a CA made for the test (the child trusts it through NODE_EXTRA_CA_CERTS), and, for a child
// that must reach the name without a proxy, a resolver that maps it to 127.0.0.1.

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

/** A name under `.test` (RFC 6761), which no real resolver answers: only what the test maps reaches it. */
export const TEST_HOST = 'kondado.test'

export interface TestCertificate {
  /** The test CA, PEM, in a file: NODE_EXTRA_CA_CERTS for the child. */
  readonly caFile: string
  /** The server's key and certificate, PEM, for the simulator's TLS mode. */
  readonly key: string
  readonly cert: string
  /** Deletes the files. */
  remove(): Promise<void>
}

const run = promisify(execFile)

async function openssl(dir: string, args: readonly string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd: dir })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('openssl is needed to make the test certificate, and it is not on PATH (Debian: apt-get install openssl)', {
        cause: error,
      })
    throw error
  }
}

/**
 * Makes, with openssl, a CA and a certificate it signs for `hostNames`, valid for a day, in a new
 * temporary folder. Its own config, so the machine's openssl.cnf changes nothing.
 */
export async function makeTestCertificate(hostNames: readonly string[]): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'kondado-tls-'))
  const config = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    'CN = kondado-action test',
    '[ca]',
    'basicConstraints = critical, CA:TRUE',
    'keyUsage = critical, keyCertSign',
    'subjectKeyIdentifier = hash',
    '[server]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = ${hostNames.map((name) => `DNS:${name}`).join(', ')}`,
    'authorityKeyIdentifier = keyid',
  ].join('\n')
  await writeFile(join(dir, 'openssl.cnf'), `${config}\n`)
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  await openssl(dir, [
    'req',
    '-config',
    'openssl.cnf',
    '-x509',
    '-extensions',
    'ca',
    ...newKey,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
  ])
  await openssl(dir, ['req', '-config', 'openssl.cnf', '-new', ...newKey, '-keyout', 'server.key', '-out', 'server.csr'])
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-set_serial',
    '1',
    '-days',
    '1',
    '-extfile',
    'openssl.cnf',
    '-extensions',
    'server',
    '-out',
    'server.pem',
  ])
  const [key, cert] = await Promise.all([readFile(join(dir, 'server.key'), 'utf8'), readFile(join(dir, 'server.pem'), 'utf8')])
  return { caFile: join(dir, 'ca.pem'), key, cert, remove: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * Environment for a child (the bundled action) whose resolver maps `hosts` (name to address), and
 * every other name as usual: the machine's own resolver knows no test name, and editing
 * /etc/hosts is out of a test's reach. A preload patches `dns.lookup`, which Node's sockets use.
 */
export function resolvingEnv(hosts: Readonly<Record<string, string>>): Record<string, string> {
  return {
    NODE_OPTIONS: `--import=${pathToFileURL(join(import.meta.dirname, 'test-host-resolver.ts')).href}`,
    TEST_HOSTS: Object.entries(hosts)
      .map(([name, address]) => `${name}=${address}`)
      .join(','),
  }
}
