// A plain-data picture of a tree view, for the test API: what a person would read in the view.
export interface TreeSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  command?: { command: string; arguments?: unknown[] };
  children?: TreeSnapshot[];
}
