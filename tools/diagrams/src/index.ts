export { dotToSvg, renderSvg } from './renderSvg.js';
export { toDot, type DiagramOptions } from './toDot.js';
export { toMermaid } from './toMermaid.js';
export { toStatelyJson } from './toStatelyJson.js';
export {
  machineGraph,
  type DiagramEdge,
  type DiagramState,
  type MachineGraph,
} from './machineGraph.js';
export { DIAGRAM_MACHINES, diagramFiles } from './diagramFiles.js';
