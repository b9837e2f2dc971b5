import { invalidValue, ScimError } from '../errors.ts';
import { bulkIdReferences } from './bulk-ids.ts';
import type { BulkOperation } from './bulk-request.ts';

/** One operation in the order it should run; `error` set when it cannot run at all. */
export interface BulkStep {
  /** Position in the request, for the response. */
  readonly index: number;
  readonly operation: BulkOperation;
  readonly error: ScimError | undefined;
}

/** Strongly connected components of the "refers to" graph, dependencies first (Tarjan, without recursion). */
function components(dependencies: readonly (readonly number[])[]): number[][] {
  const n = dependencies.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  const enter = (v: number) => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
  };
  for (let start = 0; start < n; start++) {
    if (order[start] !== -1) continue;
    enter(start);
    const work: [number, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, next] = frame;
      if (next < dependencies[v].length) {
        frame[1] = next + 1;
        const w = dependencies[v][next];
        if (order[w] === -1) {
          enter(w);
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], order[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        result.push(component.sort((a, b) => a - b));
      }
    }
  }
  return result;
}

/**
 * Orders bulk operations so that each POST runs before the operations that refer to its `bulkId`
 * (RFC 7644 §3.7.2): operations run in request order, each preceded by the POSTs it needs not yet run. Operations that refer to one another in a circle
 * (RFC 7644 §3.7.1) cannot be resolved by this service: each of them gets a 409 error, as the RFC allows
 * ("MAY stop after a failed attempt and instead return HTTP status code 409"). An operation referring to a
 * bulkId no POST in the request defines gets `invalidValue`. Operations depending on a failed one are left to
 * fail when their references are resolved (`resolveBulkIds`), since the POST they need never ran.
 */
export function orderBulkOperations(operations: readonly BulkOperation[]): readonly BulkStep[] {
  const definedBy = new Map<string, number>();
  operations.forEach((operation, i) => {
    if (operation.method === 'POST' && operation.bulkId !== undefined) definedBy.set(operation.bulkId, i);
  });
  const errors = new Map<number, ScimError>();
  const dependencies = operations.map((operation, i) => {
    const indexes: number[] = [];
    for (const id of bulkIdReferences(operation)) {
      const definer = definedBy.get(id);
      if (definer === undefined) errors.set(i, invalidValue(`bulkId "${id}" is not defined by any POST in this request`));
      else indexes.push(definer);
    }
    return indexes.sort((a, b) => a - b);
  });
  const steps: BulkStep[] = [];
  for (const component of components(dependencies)) {
    const circular = component.length > 1 || dependencies[component[0]].includes(component[0]);
    for (const i of component) {
      const error = circular
        ? new ScimError(409, undefined, `Operations[${i}] is part of a circular bulkId reference (operations ${component.join(', ')})`)
        : errors.get(i);
      steps.push(Object.freeze({ index: i, operation: operations[i], error }));
    }
  }
  return Object.freeze(steps);
}
