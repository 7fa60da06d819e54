// A bounded least-recently-used cache. Visitors often send the same text
// (suggestion chips, "hi", popular questions); analysing it again costs the
// wink pipeline each time. Bounded so a flood of distinct strings cannot grow
// memory: a Map iterates in insertion order, so the first key is the oldest.
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
  }
}
