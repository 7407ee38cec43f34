/** Gives each distinct external id (as written in the file) a dense index, in order of first sight. */
export class Interner {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];

  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  get(id: string): number | undefined {
    return this.index.get(id);
  }

  get size(): number {
    return this.ids.length;
  }
}
