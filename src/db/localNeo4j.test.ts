import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  classpathIsStale,
  findFreePort,
  isBoltHandshakeReply,
  launcherArguments,
  LineTail,
  parseJavaMajorVersion,
  probeBolt,
} from './localNeo4j.js';

describe('parseJavaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "25.0.3" 2026-04-21 LTS', 25],
    ['openjdk version "26-ea" 2026-03-17', 26],
    ['java version "1.8.0_292"', 8],
    ['Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8\nopenjdk version "17.0.2" 2022-01-18', 17],
  ])('reads %j as %i', (output, major) => {
    expect(parseJavaMajorVersion(output)).toBe(major);
  });

  it('gives undefined for output that is not a version banner', () => {
    expect(parseJavaMajorVersion('bash: java: command not found')).toBeUndefined();
  });
});

describe('launcherArguments', () => {
  it('defaults the page cache and asks the launcher to follow its parent', () => {
    expect(launcherArguments({ home: '/data', port: 7687 })).toEqual([
      '--home', '/data', '--port', '7687', '--pagecache', '256m', '--exit-with-stdin',
    ]);
  });

  it('passes a password only when one is given', () => {
    expect(launcherArguments({ home: 'h', port: 1, pagecache: '64m', password: 'secret-pw' }))
      .toEqual(['--home', 'h', '--port', '1', '--pagecache', '64m', '--exit-with-stdin', '--password', 'secret-pw']);
  });
});

describe('isBoltHandshakeReply', () => {
  it('accepts a negotiated version and a refusal, both of which only Bolt sends', () => {
    expect(isBoltHandshakeReply(Buffer.from([0, 0, 8, 5]))).toBe(true);
    expect(isBoltHandshakeReply(Buffer.from([0, 0, 0, 0]))).toBe(true);
  });

  it('rejects what an HTTP server or a short read looks like', () => {
    expect(isBoltHandshakeReply(Buffer.from('HTTP/1.1 400 Bad Request'))).toBe(false);
    expect(isBoltHandshakeReply(Buffer.from([0, 0]))).toBe(false);
  });
});

describe('LineTail', () => {
  it('keeps only the newest lines', () => {
    const tail = new LineTail(2);
    for (const line of ['a', 'b', 'c']) tail.push(line);
    expect(tail.text()).toBe('b\nc');
  });

  it('says when there was nothing', () => {
    expect(new LineTail(2).text()).toBe('(no output on stderr)');
  });
});

describe('classpathIsStale', () => {
  let dir: string;
  let pom: string;
  let classpath: string;
  let jar: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'classpath-test-'));
    pom = path.join(dir, 'pom.xml');
    classpath = path.join(dir, 'classpath.txt');
    jar = path.join(dir, 'a.jar');
    await writeFile(pom, '<project/>');
    await writeFile(jar, '');
    await writeFile(classpath, jar);
    await utimes(pom, new Date(1_000_000), new Date(1_000_000));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is fresh when newer than the pom and every jar exists', async () => {
    expect(await classpathIsStale(classpath, pom)).toBe(false);
  });

  it('is stale when missing', async () => {
    expect(await classpathIsStale(path.join(dir, 'none.txt'), pom)).toBe(true);
  });

  it('is stale when the pom changed after it was written', async () => {
    await utimes(pom, new Date(), new Date(Date.now() + 60_000));
    expect(await classpathIsStale(classpath, pom)).toBe(true);
  });

  it('is stale when a listed jar is gone from the Maven repository', async () => {
    await writeFile(classpath, [jar, path.join(dir, 'gone.jar')].join(path.delimiter));
    expect(await classpathIsStale(classpath, pom)).toBe(true);
  });
});

describe('probeBolt', () => {
  it('reports a closed port as free', async () => {
    expect(await probeBolt('127.0.0.1', await findFreePort())).toBe('free');
  });

  it('tells a server that is not Bolt from one that is', async () => {
    const servers = [
      // resume(): an unread socket never sees the client's FIN, and close() would wait for it forever.
      net.createServer((socket) => socket.resume().end('HTTP/1.1 400 Bad Request\r\n\r\n')),
      net.createServer((socket) => socket.once('data', () => socket.end(Buffer.from([0, 0, 8, 5])))),
    ];
    const ports = await Promise.all(servers.map((server) => new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    })));
    try {
      expect(await probeBolt('127.0.0.1', ports[0]!)).toBe('other');
      expect(await probeBolt('127.0.0.1', ports[1]!)).toBe('bolt');
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
