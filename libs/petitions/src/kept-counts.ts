/**
 * Rows per key, kept `keepMs` then refreshed in the background while the kept rows are still
 * served; one load at a time per key (readers of a key being loaded for the first time share that
 * load). `forget` drops a key's rows and any load already running for it.
 */
export class KeptCounts<R extends { id: string }> {
  private readonly kept = new Map<string, { rows: R[]; until: number }>();
  private readonly loading = new Map<string, Promise<R[]>>();

  constructor(
    private readonly load: (ids: string[]) => Promise<R[]>,
    private readonly keepMs: number,
    private readonly maxKeys: number,
  ) {}

  get(ids: readonly string[]): Promise<R[][]> {
    const now = Date.now();
    const answers = new Map<string, Promise<R[]>>();
    const toLoad: string[] = [];
    for (const id of new Set(ids)) {
      const entry = this.kept.get(id);
      const running = this.loading.get(id);
      if (entry) {
        answers.set(id, Promise.resolve(entry.rows));
        if (entry.until <= now && !running) {
          toLoad.push(id);
        }
      } else if (running) {
        answers.set(id, running);
      } else {
        toLoad.push(id);
      }
    }
    if (toLoad.length > 0) {
      const batch = this.load(toLoad);
      for (const id of toLoad) {
        const rows = batch.then((all) => all.filter((row) => row.id === id));
        this.loading.set(id, rows);
        rows.then(
          (found) => {
            if (this.loading.get(id) === rows) {
              this.loading.delete(id);
              if (this.kept.size >= this.maxKeys) {
                this.kept.clear();
              }
              this.kept.set(id, { rows: found, until: Date.now() + this.keepMs });
            }
          },
          () => {
            if (this.loading.get(id) === rows) {
              this.loading.delete(id);
            }
          },
        );
        if (!answers.has(id)) {
          answers.set(id, rows);
        }
      }
    }
    return Promise.all(ids.map((id) => answers.get(id)!));
  }

  forget(id: string): void {
    this.kept.delete(id);
    this.loading.delete(id);
  }
}
