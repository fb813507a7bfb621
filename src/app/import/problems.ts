// Collects an import's problems: all are counted, the first maxReportedProblems are kept.
import { maxReportedProblems, type ImportProblem, type RowProblem } from './types.ts';

export class ProblemList {
  readonly kept: ImportProblem[] = [];
  count = 0;
  /** Lines with at least one problem, so --partial can leave exactly those rows out. */
  readonly badLines = new Set<number>();

  constructor(readonly file: string) {}

  add(problem: RowProblem): void {
    this.count += 1;
    this.badLines.add(problem.line);
    if (this.kept.length < maxReportedProblems) this.kept.push({ file: this.file, ...problem });
  }

  sorted(): ImportProblem[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}
