// Entry point named by the manifest's function handler `index.handler`.
export { handler } from './resolvers';
