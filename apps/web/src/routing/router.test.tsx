import { describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { Link, navigate, parseRoute, routePath, useRoute } from './router.js'

describe('parseRoute', () => {
  it('maps the three app routes and round-trips them', () => {
    for (const path of ['/', '/doc/abc_DEF-123', '/board/xyz']) {
      expect(routePath(parseRoute(path))).toBe(path)
    }
    expect(parseRoute('/doc/abc/')).toEqual({ page: 'doc', id: 'abc' })
  })

  it('treats anything else, including ids that cannot be document ids, as not found', () => {
    for (const path of [
      '/doc/',
      '/doc/a b',
      '/doc/' + 'x'.repeat(65),
      '/docs/abc',
      '/doc/abc/edit',
      '/board/..',
    ]) {
      expect(parseRoute(path)).toEqual({ page: 'not-found', path })
    }
  })
})

describe('Link and useRoute', () => {
  function Current() {
    const route = useRoute()
    return <p data-testid="route">{JSON.stringify(route)}</p>
  }

  it('navigates in-app on click and follows back/forward', () => {
    history.replaceState(null, '', '/')
    render(
      <>
        <Link href="/doc/one">one</Link>
        <Current />
      </>,
    )
    expect(screen.getByTestId('route').textContent).toBe('{"page":"home"}')
    // fireEvent returns false when the handler called preventDefault (no page load).
    expect(fireEvent.click(screen.getByText('one'))).toBe(false)
    expect(location.pathname).toBe('/doc/one')
    expect(screen.getByTestId('route').textContent).toBe('{"page":"doc","id":"one"}')
    act(() => navigate('/board/two', { replace: true }))
    expect(screen.getByTestId('route').textContent).toBe('{"page":"board","id":"two"}')
  })

  it('leaves modified clicks (new tab) to the browser', () => {
    history.replaceState(null, '', '/')
    render(<Link href="/doc/three">three</Link>)
    expect(fireEvent.click(screen.getByText('three'), { ctrlKey: true })).toBe(true)
  })
})
