import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { projectRoot } from '../paths.js';

const execFileAsync = promisify(execFile);

/** The repository root, so that `npm start` works from any working directory. */
export const repoRoot = projectRoot;
const pomFile = path.join(repoRoot, 'neo4j', 'pom.xml');
const launcherFile = path.join(repoRoot, 'neo4j', 'Launcher.java');
const classpathFile = path.join(repoRoot, 'neo4j', 'target', 'classpath.txt');

/** Neo4j 5.26 runs on these Java releases only; 25 and later break it. */
const SUPPORTED_JAVA_MAJORS: readonly number[] = [17, 21];

/** What Neo4j's own neo4j.conf passes the JVM; without them Netty and the page cache fall back to slower paths. */
const NEO4J_JVM_FLAGS: readonly string[] = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Xmx1g',
  '-XX:+UseG1GC',
];

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 30_000;
/** Exit code of Launcher.java when another instance holds the store lock. */
const EXIT_STORE_LOCKED = 3;
const INSTALL_HINT =
  'install Java 17 (or 21) and Maven, or set NEO4J_URI to use an existing Neo4j';

interface LocalNeo4jOptions {
  /** Data folder; relative paths are taken from the repository root. */
  home: string;
  port: number;
  /** Page cache size in Neo4j's notation, e.g. `256m`. */
  pagecache?: string;
  /** Turns authentication on with this password for user `neo4j` (at least 8 characters). */
  password?: string;
  /** Progress messages and Neo4j's own stderr; defaults to stderr. */
  log?: (message: string) => void;
  /** An exit nobody asked for; defaults to `log`. */
  logError?: (message: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  stop(): Promise<void>;
  process: ChildProcess;
  /** Settles when the process ends: how it ended (`exit code 1`, `signal SIGKILL`) when nobody asked it to stop, else null. */
  died: Promise<string | null>;
}

export class AlreadyRunningError extends Error {
  override readonly name = 'AlreadyRunningError';
}

/**
 * Starts Neo4j Community 5.26 embedded (neo4j/Launcher.java) and resolves once Bolt accepts
 * connections. Refuses, without opening the store, when an instance already serves the port or
 * holds the store lock, because two processes on one store would corrupt it.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const home = path.resolve(repoRoot, options.home);
  const uri = `bolt://127.0.0.1:${options.port}`;

  await refuseIfPortTaken(options.port);
  const java = await findJava();
  const classpath = await ensureClasspath(log);
  await mkdir(home, { recursive: true });

  const child = spawn(java, [...NEO4J_JVM_FLAGS, '-cp', classpath, launcherFile, ...launcherArguments({ ...options, home })], {
    cwd: repoRoot,
    // stdin stays open as a lifeline: Launcher.java stops Neo4j when it closes, so a crashed
    // parent never leaves an orphan that holds the store lock.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // 'close' rather than 'exit': it waits for stderr to drain, so a refusal's message is in the tail.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const stderrTail = new LineTail(30);

  // Until READY, stderr is kept for the error message rather than echoed, so a refusal reads as one line.
  let isReady = false;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (isReady) log(`[neo4j] ${line}`);
  });

  const ready = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('NEO4J READY ')) {
        isReady = true;
        resolve();
      } else {
        log(`[neo4j] ${line}`);
      }
    });
  });

  const startError = await Promise.race([
    ready.then(() => undefined),
    new Promise<Error>((resolve) => child.once('error', (error) => resolve(error))),
    exited.then((code) => {
      if (code === EXIT_STORE_LOCKED) {
        return new AlreadyRunningError(stderrTail.lines().at(-1) ?? `Neo4j is already running with data in ${home}.`);
      }
      return new Error(`Neo4j exited with code ${code} before it was ready:\n${stderrTail.text()}`);
    }),
    delay(READY_TIMEOUT_MS).then(() =>
      new Error(`Neo4j was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${stderrTail.text()}`)),
  ]);
  if (startError) {
    await stopChild(child, exited);
    throw startError;
  }

  let stopping: Promise<void> | undefined;
  const died = exited.then((code) => {
    if (stopping) return null;
    const how = code === null ? `signal ${child.signalCode ?? 'unknown'}` : `exit code ${code}`;
    (options.logError ?? log)(`Neo4j stopped unexpectedly (${how}); see ${path.join(home, 'logs', 'debug.log')}.`);
    return how;
  });
  return {
    uri,
    process: child,
    died,
    stop: () => (stopping ??= stopChild(child, exited)),
  };
}

interface RestartPolicy {
  /** Restarts in a row before giving up; the count starts again once Neo4j has stayed up for `stableMs`. */
  attempts: number;
  /** The wait before the first restart, doubled before each next one. */
  firstDelayMs: number;
  stableMs: number;
}

const DEFAULT_RESTARTS: RestartPolicy = { attempts: 5, firstDelayMs: 1000, stableMs: 60_000 };

export interface SupervisedNeo4j {
  uri: string;
  /** The process serving now (a new one after each restart). */
  current(): LocalNeo4j;
  stop(): Promise<void>;
}

/**
 * The bundled Neo4j, restarted when it dies (a crash, a killed JVM, the OOM killer): up to
 * `attempts` restarts in a row with doubling waits, each logged at error level. The URI stays
 * the same, and the driver opens new connections by itself, so the API heals without a restart
 * of its own; requests in between answer SERVICE_UNAVAILABLE. When the restarts are used up,
 * `onGiveUp` is called (`npm start` then exits, so whatever runs it can step in).
 */
export async function superviseLocalNeo4j(
  options: LocalNeo4jOptions & { restarts?: Partial<RestartPolicy>; onGiveUp?: (error: Error) => void; onRestarted?: () => void },
): Promise<SupervisedNeo4j> {
  const policy = { ...DEFAULT_RESTARTS, ...options.restarts };
  const logError = options.logError ?? options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  let instance = await startLocalNeo4j(options);
  let stopped = false;
  let failures = 0;
  let upSince = Date.now();

  const watch = (current: LocalNeo4j) => {
    void current.died.then(async (how) => {
      if (how === null || stopped) return;
      if (Date.now() - upSince >= policy.stableMs) failures = 0;
      let lastError: Error = new Error(`Neo4j ended with ${how}`);
      while (failures < policy.attempts && !stopped) {
        const wait = policy.firstDelayMs * 2 ** failures;
        failures += 1;
        logError(`Restarting the bundled Neo4j in ${wait / 1000} s (attempt ${failures} of ${policy.attempts}) ...`);
        await delay(wait);
        if (stopped) return;
        try {
          instance = await startLocalNeo4j(options);
          upSince = Date.now();
          logError(`The bundled Neo4j is running again at ${instance.uri} (restart ${failures} of ${policy.attempts}).`);
          options.onRestarted?.();
          watch(instance);
          return;
        } catch (error) {
          lastError = error instanceof Error ? error : new Error(String(error));
          logError(`Restarting the bundled Neo4j failed: ${lastError.message}`);
        }
      }
      if (!stopped) options.onGiveUp?.(new Error(`The bundled Neo4j died and ${policy.attempts} restarts failed; last: ${lastError.message}`));
    });
  };
  watch(instance);
  return {
    uri: instance.uri,
    current: () => instance,
    stop: async () => {
      stopped = true;
      await instance.stop();
    },
  };
}

/** SIGTERM runs the launcher's shutdown hook (checkpoint, clean store); SIGKILL only if that hangs. */
async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
    child.stdin?.destroy();
  }
}

export function launcherArguments(options: { home: string; port: number; pagecache?: string; password?: string }): string[] {
  const args = ['--home', options.home, '--port', String(options.port), '--pagecache', options.pagecache ?? '256m', '--exit-with-stdin'];
  if (options.password !== undefined) args.push('--password', options.password);
  return args;
}

/** Reads the major release from `java -version` output: `"17.0.15"` → 17, `"1.8.0_292"` → 8, `"25-ea"` → 25. */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

async function javaMajorVersion(javaBinary: string): Promise<number | undefined> {
  try {
    const { stdout, stderr } = await execFileAsync(javaBinary, ['-version']);
    return parseJavaMajorVersion(`${stderr}\n${stdout}`);
  } catch {
    return undefined;
  }
}

/** The `java` on PATH if Neo4j 5.26 supports it, else the one in JAVA_HOME. */
async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const candidates = ['java'];
  if (env.JAVA_HOME) candidates.push(path.join(env.JAVA_HOME, 'bin', 'java'));
  const found: string[] = [];
  for (const candidate of candidates) {
    const major = await javaMajorVersion(candidate);
    if (major !== undefined && SUPPORTED_JAVA_MAJORS.includes(major)) return candidate;
    if (major !== undefined) found.push(`${candidate} is Java ${major}`);
  }
  const seen = found.length > 0 ? ` (${found.join(', ')})` : ' (no java found)';
  throw new Error(`The local Neo4j 5.26 needs Java 17 or 21${seen}: ${INSTALL_HINT}.`);
}

/** Rebuilding is needed when the pom changed or Maven's local repository lost a jar. */
export async function classpathIsStale(classpathPath: string, pomPath: string): Promise<boolean> {
  let classpathTime: number;
  try {
    classpathTime = (await stat(classpathPath)).mtimeMs;
  } catch {
    return true;
  }
  if (classpathTime < (await stat(pomPath)).mtimeMs) return true;
  const entries = (await readFile(classpathPath, 'utf8')).trim().split(path.delimiter).filter(Boolean);
  return entries.length === 0 || entries.some((entry) => !existsSync(entry));
}

async function ensureClasspath(log: (message: string) => void): Promise<string> {
  if (await classpathIsStale(classpathFile, pomFile)) {
    try {
      await execFileAsync('mvn', ['-v']);
    } catch {
      throw new Error(`Maven (mvn) was not found, and it fetches the local Neo4j: ${INSTALL_HINT}.`);
    }
    log('Resolving Neo4j 5.26 with Maven (the first run downloads about 130 MB from Maven Central) ...');
    // Written beside and renamed, so a concurrent start never reads a half-written classpath.
    const partial = `${classpathFile}.${process.pid}.partial`;
    try {
      await execFileAsync('mvn', ['-q', '-B', '-f', pomFile, 'dependency:build-classpath', `-Dmdep.outputFile=${partial}`], {
        cwd: repoRoot,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const output = error as { stdout?: string; stderr?: string };
      const tail = `${output.stdout ?? ''}${output.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
      throw new Error(`Maven could not resolve Neo4j (is Maven Central reachable?):\n${tail}`);
    }
    await rename(partial, classpathFile);
  }
  return (await readFile(classpathFile, 'utf8')).trim();
}

/**
 * Fails fast when the port is already served: by Neo4j (a second `npm start`) it says so, by
 * anything else it names the port. Starting a JVM only to fail on bind would take seconds.
 */
async function refuseIfPortTaken(port: number): Promise<void> {
  const answer = await probeBolt('127.0.0.1', port);
  if (answer === 'bolt') {
    throw new AlreadyRunningError(
      `Neo4j is already running on 127.0.0.1:${port}; stop it first, or set NEO4J_URI=bolt://127.0.0.1:${port} to use it.`);
  }
  if (answer === 'other') {
    throw new Error(`Port ${port} on 127.0.0.1 is taken by another program; set NEO4J_LOCAL_BOLT_PORT to a free port.`);
  }
}

const BOLT_MAGIC = [0x60, 0x60, 0xb0, 0x17];
// Offers Bolt 5.0–5.8 and 4.4; any Bolt server answers with four bytes, the first two zero.
const BOLT_VERSION_OFFERS = [0x00, 0x08, 0x08, 0x05, 0x00, 0x00, 0x04, 0x04, 0, 0, 0, 0, 0, 0, 0, 0];

export function isBoltHandshakeReply(reply: Buffer): boolean {
  return reply.length >= 4 && reply[0] === 0 && reply[1] === 0;
}

/** `free` when nothing listens, `bolt` when a Bolt server answers the handshake, `other` otherwise. */
export function probeBolt(host: string, port: number, timeoutMs = 2000): Promise<'free' | 'bolt' | 'other'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let connected = false;
    let reply = Buffer.alloc(0);
    const finish = (result: 'free' | 'bolt' | 'other') => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(connected ? 'other' : 'free'));
    socket.once('connect', () => {
      connected = true;
      socket.write(Buffer.from([...BOLT_MAGIC, ...BOLT_VERSION_OFFERS]));
    });
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      if (reply.length >= 4) finish(isBoltHandshakeReply(reply) ? 'bolt' : 'other');
    });
    socket.once('error', () => finish(connected ? 'other' : 'free'));
    socket.once('close', () => finish(connected ? 'other' : 'free'));
  });
}

/** A port nobody listens on right now, chosen by the OS. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines of a child's stderr for error messages. */
export class LineTail {
  private readonly buffer: string[] = [];
  constructor(private readonly size: number) {}

  push(line: string): void {
    this.buffer.push(line);
    if (this.buffer.length > this.size) this.buffer.shift();
  }

  lines(): readonly string[] {
    return this.buffer;
  }

  text(): string {
    return this.buffer.length > 0 ? this.buffer.join('\n') : '(no output on stderr)';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
