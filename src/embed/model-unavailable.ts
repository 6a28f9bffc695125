import path from 'node:path';
import { ErrorId, UserFacingError } from '../errors.js';
import { BUNDLED_MODEL_ID } from './bundled-model.js';

/** Where an embedding model was looked for, for {@link modelUnavailable}. */
export interface ModelLocation {
  modelId: string;
  modelsDir: string;
}

/** The `model-unavailable` error for a model that did not load, saying how to recover (restore the bundled model, or go back to it). */
export function modelUnavailable(options: ModelLocation, allowRemote: boolean, cause: unknown): UserFacingError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const bundled = options.modelId === BUNDLED_MODEL_ID;
  const advice = bundled
    ? `The bundled model should be at ${path.join(options.modelsDir, options.modelId)}: restore it with \`git checkout -- embeddings/models\` or rebuild it with \`npm run model:build\`.`
    : allowRemote
      ? `It is not in ${options.modelsDir} and could not be downloaded from the Hugging Face hub (no internet, or a wrong id). ` +
        `Run once with internet to cache it, or unset EMBEDDING_MODEL to use the bundled offline model ${BUNDLED_MODEL_ID}.`
      : `It is not in ${options.modelsDir} and remote loading is off. Unset EMBEDDING_MODEL to use the bundled offline model ${BUNDLED_MODEL_ID}.`;
  return new UserFacingError(ErrorId.ModelUnavailable, `Could not load embedding model "${options.modelId}" (${reason}). ${advice}`, { cause });
}
