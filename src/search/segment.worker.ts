import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeFields } from './search.encode.js';
import { fieldsOf } from './search.fields.js';
import type { Segmenter } from './search.segment.js';
import type { SegmentReply, SegmentRequest, SegmentWorkerData } from './segment-pool.js';

/**
 * A worker thread of the bulk index build (segment-pool.ts): tokens of each field of the items
 * it is sent, with jieba loaded with the vocabulary the main thread read from the database,
 * encoded for the database's index (a few strings per item to send back, not one per token).
 */

const { lines, kind } = workerData as SegmentWorkerData;
const jieba = Jieba.withDict(dict);
jieba.loadDict(Buffer.from(lines));
const seg: Segmenter = { cut: (text) => jieba.cut(text, false) };

const port = parentPort;
if (!port) throw new Error('segment.worker.ts runs only as a worker thread');

port.on('message', (req: SegmentRequest) => {
  let reply: SegmentReply;
  try {
    reply = {
      id: req.id,
      tokens: req.items.map((item, i) =>
        encodeFields(kind, fieldsOf(seg, item, req.attachments[i] ?? [])),
      ),
    };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
