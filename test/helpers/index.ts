export * from './n8n-context';
export * from './http-server';
export { OAuth2Api } from './oauth2-api.credential';
export { connectOAuth2Credential, type OAuth2FlowResult } from './oauth2-flow';
export * from './server-credentials';
