/** Gives each distinct external id (as written in the file) a dense index, in order of first sight. */
export class Interner {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];
  // Logs sorted by user (MovieLens) or item (Amazon) repeat an id row after row: a string
  // compare spares the map lookup, which costs about as much as parsing the row.
  private lastId: string | undefined;
  private lastIndex = -1;

  intern(id: string): number {
    if (id === this.lastId) return this.lastIndex;
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    this.lastId = id;
    this.lastIndex = i;
    return i;
  }

  get(id: string): number | undefined {
    return this.index.get(id);
  }

  get size(): number {
    return this.ids.length;
  }
}
