import { ChunkTransform } from '../relay.types';
import { RfbViewOnlyFilter } from './rfb-view-only-filter';

/** The pump hooks that make a session view-only: filter the viewer's stream, watch the agent's. */
export function viewOnlyTransforms(filter = new RfbViewOnlyFilter()): {
  transformFromViewer: ChunkTransform;
  transformFromAgent: ChunkTransform;
} {
  return {
    transformFromViewer: (chunk) => filter.filterFromViewer(chunk),
    transformFromAgent: (chunk) => {
      filter.observeFromServer(chunk);
      return chunk;
    },
  };
}
