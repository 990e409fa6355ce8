import { InvalidSuiteError } from '../errors/InvalidSuiteError.js';
import type { SuiteDefinition } from '../model/Scenario.js';

/**
 * Checks a suite definition before anything is measured: names are unique and non-empty, and
 * every `baseline`, `versus`, `target.fasterThan` and `target.maxOverheadRatio.peer` names a
 * scenario of the same suite.
 *
 * @param suite - the definition.
 * @throws {@link InvalidSuiteError} naming the first offending field.
 */
export function validateSuite(suite: SuiteDefinition): void {
  const names = new Set<string>();
  suite.scenarios.forEach((s, i) => {
    if (s.name.trim() === '') {
      throw new InvalidSuiteError(`scenarios[${i}].name`, s.name, 'must not be empty');
    }
    if (names.has(s.name)) {
      throw new InvalidSuiteError(`scenarios[${i}].name`, s.name, 'is not unique in the suite');
    }
    names.add(s.name);
  });
  suite.scenarios.forEach((s, i) => {
    const refs: [string, string | undefined][] = [
      ['baseline', s.baseline],
      ['versus', s.versus],
      ['target.fasterThan', s.target?.fasterThan],
      ['target.maxOverheadRatio.peer', s.target?.maxOverheadRatio?.peer],
    ];
    for (const [field, ref] of refs) {
      if (ref !== undefined && !names.has(ref)) {
        throw new InvalidSuiteError(
          `scenarios[${i}].${field}`,
          ref,
          'names no scenario of the suite',
        );
      }
    }
    if (s.target?.maxOverheadRatio !== undefined && s.baseline === undefined) {
      throw new InvalidSuiteError(
        `scenarios[${i}].target.maxOverheadRatio`,
        s.target.maxOverheadRatio,
        'needs a baseline to measure overhead over',
      );
    }
  });
}
