// A bounded least-recently-used cache. Visitors often send the same text
// (suggestion chips, "hi", popular questions); analysing it again costs the
// wink pipeline each time. Bounded so a flood of distinct strings cannot grow
// memory: by entries, and — with a size function — by bytes, because entries
// differ a hundredfold (a three-word question against a 1 000-character
// message of made-up words). A Map iterates in insertion order, so the first
// key is the oldest.
export interface ByteBudget<K, V> {
  maxBytes: number;
  /** What keeping this entry costs, estimated (it need not be exact, only never far below). */
  sizeOf(key: K, value: V): number;
}

export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private used = 0;
  constructor(
    readonly capacity: number,
    private readonly budget?: ByteBudget<K, V>,
  ) {}

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.drop(key);
    const bytes = this.budget ? this.budget.sizeOf(key, value) : 0;
    // Something larger than the whole budget is not kept at all (it would evict everything else).
    if (this.budget && bytes > this.budget.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.used += bytes;
    while (this.map.size > this.capacity || (this.budget && this.used > this.budget.maxBytes)) this.drop(this.map.keys().next().value!);
  }

  private drop(key: K): void {
    const entry = this.map.get(key);
    if (entry === undefined) return;
    this.map.delete(key);
    this.used -= entry.bytes;
  }

  get size(): number {
    return this.map.size;
  }

  /** Estimated bytes held (0 without a byte budget). */
  get bytes(): number {
    return this.used;
  }
}
