/**
 * Datasets and their items, per project. Adding items is idempotent on the item id, so a
 * retried batch (or a later feature re-adding the same call) never stores an item twice.
 */
import type {
  Dataset,
  DatasetCreate,
  DatasetItemIn,
  DatasetItemsPage,
  DatasetItemsQuery,
} from "@genchi/spec";

/** What happened to one item: newly stored, or already there (same id). */
export type ItemOutcome = "stored" | "duplicate";

export interface DatasetStore {
  /** Creates the dataset, or returns the project's dataset of that name as it is. */
  ensure(projectId: string, dataset: DatasetCreate): Promise<{ dataset: Dataset; created: boolean }>;
  list(projectId: string): Promise<Dataset[]>;
  /** By id, else by name. */
  get(projectId: string, idOrName: string): Promise<Dataset | null>;
  /** Appends items after those already there; one outcome per item, with its id (made when not given). */
  addItems(
    projectId: string,
    datasetId: string,
    items: readonly DatasetItemIn[],
  ): Promise<{ id: string; outcome: ItemOutcome }[]>;
  /** In the order they were added. */
  listItems(projectId: string, datasetId: string, query: DatasetItemsQuery): Promise<DatasetItemsPage>;
}
