/**
 * A minimal protobuf encoder for the subset of onnx.proto the converter emits.
 * Hand-written so the build needs no protobuf runtime. Field numbers follow
 * onnx/onnx.proto (proto2: repeated scalars are written unpacked, as the
 * reference serializer does).
 *
 * Messages are encoded bottom-up into lists of byte chunks, so the large
 * raw_data buffers are referenced, not copied, until the final concatenation.
 */

/** TensorProto.DataType values. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
} as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

/** AttributeProto.AttributeType values. */
const AttrType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

export interface TensorProto {
  name: string;
  dataType: DataType;
  dims: number[];
  /** Little-endian element bytes (TensorProto.raw_data). */
  raw: Uint8Array;
}

export type AttributeValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] }
  | { kind: 'tensor'; value: TensorProto };

export interface NodeProto {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

export interface ValueInfoProto {
  name: string;
  elemType: DataType;
  /** A number is a fixed dim, a string a symbolic one (dim_param). */
  shape: Array<number | string>;
}

export interface GraphProto {
  name: string;
  nodes: NodeProto[];
  initializers: TensorProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
}

export interface ModelProto {
  irVersion: number;
  opsets: Array<{ domain: string; version: number }>;
  producerName: string;
  producerVersion: string;
  docString?: string;
  metadata?: Record<string, string>;
  graph: GraphProto;
}

// ---------------------------------------------------------------- wire level

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LEN = 2;

/** A message under construction: chunks plus their total length. */
export class Writer {
  readonly parts: Uint8Array[] = [];
  size = 0;

  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.byteLength;
  }

  /** Writes a varint; negative numbers become 10-byte two's complement (int64 semantics). */
  varint(n: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(n));
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`varint: ${n} is not a safe integer`);
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.push(Uint8Array.from(out));
    return this;
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, n: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    return this.varint(n);
  }

  float(field: number, f: number): this {
    this.tag(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, f, true);
    this.push(b);
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.varint(b.byteLength);
    if (b.byteLength > 0) this.push(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  message(field: number, m: Writer): this {
    this.tag(field, WIRE_LEN);
    this.varint(m.size);
    for (const p of m.parts) this.push(p);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.byteLength;
    }
    return out;
  }
}

/** Standalone varint bytes (exposed for tests). */
export function encodeVarint(n: number | bigint): Uint8Array {
  return new Writer().varint(n).finish();
}

// -------------------------------------------------------------- ONNX messages

export function writeTensor(t: TensorProto): Writer {
  const w = new Writer();
  for (const d of t.dims) w.int(1, d); // dims
  w.int(2, t.dataType); // data_type
  w.string(8, t.name); // name
  w.bytes(9, t.raw); // raw_data
  return w;
}

function writeAttribute(name: string, a: AttributeValue): Writer {
  const w = new Writer().string(1, name); // name
  switch (a.kind) {
    case 'float':
      w.float(2, a.value).int(20, AttrType.FLOAT);
      break;
    case 'int':
      w.int(3, a.value).int(20, AttrType.INT);
      break;
    case 'string':
      w.string(4, a.value).int(20, AttrType.STRING);
      break;
    case 'tensor':
      w.message(5, writeTensor(a.value)).int(20, AttrType.TENSOR);
      break;
    case 'floats':
      for (const f of a.value) w.float(7, f);
      w.int(20, AttrType.FLOATS);
      break;
    case 'ints':
      for (const i of a.value) w.int(8, i);
      w.int(20, AttrType.INTS);
      break;
  }
  return w;
}

function writeNode(n: NodeProto): Writer {
  const w = new Writer();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.opType);
  for (const [k, v] of Object.entries(n.attributes ?? {})) w.message(5, writeAttribute(k, v));
  if (n.domain) w.string(7, n.domain);
  return w;
}

function writeValueInfo(v: ValueInfoProto): Writer {
  const shape = new Writer();
  for (const d of v.shape) {
    const dim = typeof d === 'number' ? new Writer().int(1, d) : new Writer().string(2, d); // dim_value / dim_param
    shape.message(1, dim);
  }
  const tensorType = new Writer().int(1, v.elemType).message(2, shape); // elem_type, shape
  const type = new Writer().message(1, tensorType); // TypeProto.tensor_type
  return new Writer().string(1, v.name).message(2, type);
}

function writeGraph(g: GraphProto): Writer {
  const w = new Writer();
  for (const n of g.nodes) w.message(1, writeNode(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, writeTensor(t));
  for (const i of g.inputs) w.message(11, writeValueInfo(i));
  for (const o of g.outputs) w.message(12, writeValueInfo(o));
  return w;
}

export function encodeModel(m: ModelProto): Uint8Array {
  const w = new Writer();
  w.int(1, m.irVersion);
  w.string(2, m.producerName);
  w.string(3, m.producerVersion);
  if (m.docString) w.string(6, m.docString);
  w.message(7, writeGraph(m.graph));
  for (const op of m.opsets) {
    const o = new Writer();
    if (op.domain) o.string(1, op.domain);
    o.int(2, op.version);
    w.message(8, o);
  }
  for (const [k, v] of Object.entries(m.metadata ?? {})) {
    w.message(14, new Writer().string(1, k).string(2, v)); // StringStringEntryProto
  }
  return w.finish();
}

// ------------------------------------------------------------ tensor helpers

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function floatTensor(name: string, dims: number[], data: Float32Array | number[]): TensorProto {
  const arr = data instanceof Float32Array ? data : Float32Array.from(data);
  return { name, dataType: DataType.FLOAT, dims, raw: bytesOf(arr) };
}

export function int64Tensor(name: string, dims: number[], data: number[]): TensorProto {
  return { name, dataType: DataType.INT64, dims, raw: bytesOf(BigInt64Array.from(data.map(BigInt))) };
}

export function int8Tensor(name: string, dims: number[], data: Int8Array): TensorProto {
  return { name, dataType: DataType.INT8, dims, raw: bytesOf(data) };
}

export function uint8Tensor(name: string, dims: number[], data: Uint8Array): TensorProto {
  return { name, dataType: DataType.UINT8, dims, raw: bytesOf(data) };
}

/** `bits` are IEEE half values (see float32ToHalfBits). */
export function float16Tensor(name: string, dims: number[], bits: Uint16Array): TensorProto {
  return { name, dataType: DataType.FLOAT16, dims, raw: bytesOf(bits) };
}
