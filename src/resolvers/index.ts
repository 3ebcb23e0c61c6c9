import Resolver from '@forge/resolver';
import { readModuleContext } from './context';

const resolver = new Resolver();

resolver.define('getContext', ({ context }) => readModuleContext(context));

/** The Forge function handler behind every module's `resolver: { function: resolver }`. */
export const handler = resolver.getDefinitions();
