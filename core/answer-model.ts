import answerModelJson from '../data/answer-model.json';
import type { AnswerModel } from './answer-ranking';

/**
 * The learned layer of the answer ranking (data/answer-model.json, from `npm run train`), typed. Only
 * the background loads it (it is about 180 KB of word weights); the build and a unit test validate it.
 */
export const answerModel: AnswerModel = answerModelJson;
