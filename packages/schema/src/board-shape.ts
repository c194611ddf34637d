import * as Y from 'yjs'
import { TandemError } from './errors.js'

/** Every kind of shape a board holds. */
export const SHAPE_TYPES = [
  'rectangle',
  'ellipse',
  'diamond',
  'arrow',
  'line',
  'draw',
  'sticky',
  'text',
] as const

/** A kind of shape. */
export type ShapeType = (typeof SHAPE_TYPES)[number]

/**
 * Where an arrow or line end is attached: a shape and a point in that shape's box, as fractions
 * of its width and height (0..1), so the end follows the shape when it moves or resizes.
 */
export interface Binding {
  readonly shapeId: string
  readonly nx: number
  readonly ny: number
}

/**
 * One shape as read from the board. Geometry is in board units:
 * - boxes (rectangle, ellipse, diamond, sticky, text, draw): `x, y` top-left, `w, h` size;
 * - arrow and line: `x, y` the start point and `w, h` the vector to the end (may be negative);
 *   `start`/`end` bindings, when their shape exists, override the stored points;
 * - draw: `points` is a flat `[x, y, pressure, ...]` list relative to `x, y`.
 */
export interface Shape {
  readonly id: string
  readonly type: ShapeType
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  /** Rotation in radians about the box's centre (boxes only; connectors ignore it). */
  readonly rotation: number
  /** Fractional index: shapes paint in ascending `z` order, ties broken by id. */
  readonly z: string
  /** Outline (and text) colour, CSS colour string. */
  readonly stroke: string
  /** Fill colour, or 'none'. */
  readonly fill: string
  readonly strokeWidth: number
  readonly text: string
  readonly points: readonly number[]
  readonly start: Binding | null
  readonly end: Binding | null
  /** User id of the creator, when known. */
  readonly createdBy: string | null
}

/** The fields a caller may set on a shape (everything but `id` and `z`). */
export type ShapeFields = Omit<Shape, 'id' | 'z'>

/** Fields of a new shape: `type` is required, the rest have defaults. */
export type ShapeInput = Partial<ShapeFields> & { type: ShapeType }

/** Longest text of a sticky note or text shape; longer is refused, not cut. */
export const MAX_SHAPE_TEXT = 10_000
/** Most points in one freehand stroke (x, y, pressure triples). */
export const MAX_STROKE_POINTS = 5_000
/** Largest coordinate accepted, so a bad client cannot push shapes to infinity. */
export const MAX_COORDINATE = 1e7

const TYPES: ReadonlySet<string> = new Set(SHAPE_TYPES)
const Z_PATTERN = /^[A-Za-z][0-9A-Za-z]{0,63}$/

export const SHAPE_DEFAULTS: Omit<Shape, 'id' | 'type' | 'z'> = {
  x: 0,
  y: 0,
  w: 0,
  h: 0,
  rotation: 0,
  stroke: '#1e1e1e',
  fill: 'none',
  strokeWidth: 2,
  text: '',
  points: [],
  start: null,
  end: null,
  createdBy: null,
}

/** True when `type` is one of {@link SHAPE_TYPES}. */
export function isShapeType(type: unknown): type is ShapeType {
  return typeof type === 'string' && TYPES.has(type)
}

/** True for arrows and lines, whose `w, h` is a vector and whose ends may bind. */
export function isConnector(type: ShapeType): boolean {
  return type === 'arrow' || type === 'line'
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function readBinding(value: unknown): Binding | null {
  if (typeof value !== 'object' || value === null) return null
  const { shapeId, nx, ny } = value as Record<string, unknown>
  if (typeof shapeId !== 'string') return null
  return { shapeId, nx: finite(nx, 0.5), ny: finite(ny, 0.5) }
}

function readPoints(value: unknown): number[] {
  if (!Array.isArray(value)) return []
  return value.every((n) => typeof n === 'number' && Number.isFinite(n)) ? (value as number[]) : []
}

/**
 * Reads a shape map written by any client (maybe an older or a broken one): unknown types give
 * null, missing or malformed fields their defaults, so one bad shape never breaks a board.
 */
export function readShape(id: string, value: unknown): Shape | null {
  if (!(value instanceof Y.Map)) return null
  const type = value.get('type')
  if (!isShapeType(type)) return null
  const str = (key: string, fallback: string): string => {
    const v = value.get(key)
    return typeof v === 'string' ? v : fallback
  }
  const z = value.get('z')
  const createdBy = value.get('createdBy')
  return {
    id,
    type,
    x: finite(value.get('x'), 0),
    y: finite(value.get('y'), 0),
    w: finite(value.get('w'), 0),
    h: finite(value.get('h'), 0),
    rotation: finite(value.get('rotation'), 0),
    z: typeof z === 'string' && Z_PATTERN.test(z) ? z : 'a0',
    stroke: str('stroke', SHAPE_DEFAULTS.stroke),
    fill: str('fill', SHAPE_DEFAULTS.fill),
    strokeWidth: finite(value.get('strokeWidth'), SHAPE_DEFAULTS.strokeWidth),
    text: str('text', ''),
    points: readPoints(value.get('points')),
    start: readBinding(value.get('start')),
    end: readBinding(value.get('end')),
    createdBy: typeof createdBy === 'string' ? createdBy : null,
  }
}

function bad(message: string): TandemError {
  return new TandemError('bad-request', message)
}

function checkColor(key: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    throw bad(`${key} must be a colour string`)
  }
}

function checkBinding(key: string, value: unknown): void {
  if (value === null) return
  const binding = value as Partial<Binding> | undefined
  if (
    typeof binding !== 'object' ||
    typeof binding.shapeId !== 'string' ||
    !Number.isFinite(binding.nx) ||
    !Number.isFinite(binding.ny)
  ) {
    throw bad(`${key} must be null or { shapeId, nx, ny }`)
  }
}

/**
 * Checks fields before they are written; throws a TandemError (`bad-request`) naming the first
 * bad field, so nothing half-valid reaches the shared document.
 */
export function checkShapeFields(fields: Partial<ShapeFields>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    switch (key as keyof ShapeFields) {
      case 'type':
        if (!isShapeType(value)) throw bad(`unknown shape type: ${String(value)}`)
        break
      case 'x':
      case 'y':
      case 'w':
      case 'h':
        if (typeof value !== 'number' || !(Math.abs(value) <= MAX_COORDINATE)) {
          throw bad(`${key} must be a finite number within ±${MAX_COORDINATE}`)
        }
        break
      case 'rotation':
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw bad('rotation must be a finite number (radians)')
        }
        break
      case 'strokeWidth':
        if (typeof value !== 'number' || !(value > 0 && value <= 100)) {
          throw bad('strokeWidth must be a number in (0, 100]')
        }
        break
      case 'stroke':
      case 'fill':
        checkColor(key, value)
        break
      case 'text':
        if (typeof value !== 'string' || value.length > MAX_SHAPE_TEXT) {
          throw bad(`text must be a string of at most ${MAX_SHAPE_TEXT} characters`)
        }
        break
      case 'points':
        if (
          !Array.isArray(value) ||
          value.length > MAX_STROKE_POINTS * 3 ||
          !value.every((n) => typeof n === 'number' && Number.isFinite(n))
        ) {
          throw bad(`points must be at most ${MAX_STROKE_POINTS * 3} finite numbers`)
        }
        break
      case 'start':
      case 'end':
        checkBinding(key, value)
        break
      case 'createdBy':
        if (value !== null && typeof value !== 'string') throw bad('createdBy must be a string')
        break
      default:
        throw bad(`unknown shape field: ${key}`)
    }
  }
}

/** Writes the fields that differ from what the map holds (unchanged fields stay untouched). */
export function writeShapeFields(map: Y.Map<unknown>, fields: Partial<ShapeFields>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    const current = map.get(key)
    if (current === value) continue
    if (Array.isArray(value)) map.set(key, [...(value as number[])])
    else if (value !== null && typeof value === 'object') map.set(key, { ...value })
    else map.set(key, value)
  }
}
