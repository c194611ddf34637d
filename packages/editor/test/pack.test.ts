import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'

// An outside team's first ten minutes: the four packages packed as npm would publish them,
// installed with plain npm (not pnpm, not the workspace) into a directory outside the repo,
// and a ten-line app that type-checks and builds. Needs the packages built (`pnpm build`) and
// the npm registry (react, react-dom, typescript, vite and the packages' dependencies; npm's
// cache makes repeated runs fast).
const run = promisify(execFile)
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const PACKAGES = ['schema', 'client', 'react', 'editor'] as const
const TIMEOUT = 240_000

const EXAMPLE = `import { createRoot } from 'react-dom/client'
import { TandemEditor, type EditorStatus } from '@tandem/editor'
import '@tandem/editor/style.css'

const getToken = () => fetch('/api/tandem-token').then((response) => response.text())
const onStatus = (status: EditorStatus) => console.log(status.connection, status.unsynced)
const user = { id: 'ada', name: 'Ada Lovelace', color: '#e5484d' }

createRoot(document.getElementById('root')!).render(
  <TandemEditor serverUrl="wss://tandem.example.com/collab" docId="plan" getToken={getToken} user={user} onStatus={onStatus} />,
)
`

interface NpmTree {
  version?: string
  dependencies?: Record<string, NpmTree>
}

/** Every version installed of the packages whose name matches. */
function versionsOf(tree: NpmTree, name: RegExp, found = new Set<string>()): Set<string> {
  for (const [dep, sub] of Object.entries(tree.dependencies ?? {})) {
    if (name.test(dep) && sub.version) found.add(sub.version)
    versionsOf(sub, name, found)
  }
  return found
}

let work: string | null = null
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

async function sh(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  try {
    const { stdout } = await run(cmd, args, {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: TIMEOUT,
    })
    return stdout
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(
      `${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`,
    )
  }
}

describe('the published packages', () => {
  it(
    'pack, install with npm outside the workspace, and a ten-line app type-checks and builds',
    async () => {
      for (const name of PACKAGES) {
        const dist = join(ROOT, 'packages', name, 'dist/index.js')
        if (!existsSync(dist)) throw new Error(`${dist} is missing: run pnpm build first`)
      }
      work = await mkdtemp(join(tmpdir(), 'tandem-pack-'))
      const tarballs = join(work, 'tarballs')
      const app = join(work, 'app')
      await mkdir(tarballs)
      await mkdir(join(app, 'src'), { recursive: true })

      // pnpm pack swaps workspace:* for versions and publishConfig.exports for exports.
      await Promise.all(
        PACKAGES.map((name) =>
          sh('pnpm', ['pack', '--pack-destination', tarballs], join(ROOT, 'packages', name)),
        ),
      )
      const files = Object.fromEntries(
        (await readdir(tarballs)).map((file) => [file.replace(/-\d.*$/, ''), join(tarballs, file)]),
      )
      for (const name of PACKAGES) {
        const tarball = files[`tandem-${name}`]
        expect(tarball, `tarball of @tandem/${name}`).toBeDefined()
        const listing = (await sh('tar', ['tzf', tarball!], work)).split('\n')
        expect(listing.filter((f) => /\.test\.|test-support|tsbuildinfo/.test(f))).toEqual([])
        expect(listing).toContain('package/dist/index.d.ts')
        const manifest = await sh('tar', ['xzf', tarball!, '-O', 'package/package.json'], work)
        expect(manifest).not.toMatch(/workspace:|@tandem\/source|"private"/)
      }
      expect((await sh('tar', ['tzf', files['tandem-editor']!], work)).split('\n')).toContain(
        'package/style.css',
      )

      const local = (name: string) => `file:${files[`tandem-${name}`]}`
      const tandem = Object.fromEntries(PACKAGES.map((name) => [`@tandem/${name}`, local(name)]))
      await writeFile(
        join(app, 'package.json'),
        JSON.stringify({
          name: 'outside-app',
          private: true,
          type: 'module',
          dependencies: { ...tandem, react: '^19.2.0', 'react-dom': '^19.2.0' },
          devDependencies: {
            '@types/react': '^19.2.0',
            '@types/react-dom': '^19.2.0',
            typescript: '5.9.3',
            vite: '^8.0.0',
          },
          // The tarballs depend on each other by version (0.1.0): resolve those to the tarballs,
          // not to whatever the registry has under that name.
          overrides: tandem,
        }),
      )
      await writeFile(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'Bundler',
            jsx: 'react-jsx',
            strict: true,
            noEmit: true,
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            types: ['vite/client'],
          },
          include: ['src'],
        }),
      )
      await writeFile(
        join(app, 'index.html'),
        '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>\n',
      )
      await writeFile(join(app, 'src/main.tsx'), EXAMPLE)

      await sh(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
        app,
      )
      // One copy of yjs in the app: two copies make documents silently diverge.
      const yjs = await sh('npm', ['ls', 'yjs', '--all', '--parseable'], app)
      expect(new Set(yjs.trim().split('\n')), 'installed copies of yjs').toEqual(
        new Set([join(app, 'node_modules/yjs')]),
      )

      // One Tiptap version: @tiptap/react's optional menus would otherwise come in newer than
      // core (the editor pins them, as the workspace's overrides do).
      const tiptap = JSON.parse(await sh('npm', ['ls', '--all', '--json'], app)) as NpmTree
      expect(versionsOf(tiptap, /^@tiptap\/(?!y-tiptap)/)).toEqual(new Set(['3.31.3']))
      await sh(join(app, 'node_modules/.bin/tsc'), ['-p', '.'], app)
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      await sh(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], app, {
        ...process.env,
        NODE_ENV: 'production',
      })
      const assets = join(app, 'dist/assets')
      const built = await readdir(assets)
      const sizes: Record<string, { minified: number; gzip: number }> = {}
      for (const ext of ['js', 'css']) {
        const file = built.find((f) => f.endsWith(`.${ext}`))
        expect(file, `a .${ext} bundle`).toBeDefined()
        const bytes = await readFile(join(assets, file!))
        sizes[ext] = { minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength }
      }
      // The size of an app that is only the editor (React included), for docs/BENCHMARKS.md.
      console.log(`[pack] ten-line app bundle: ${JSON.stringify(sizes)}`)
    },
    TIMEOUT,
  )
})
