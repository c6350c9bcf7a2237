// Preloaded into cognito-local (node --require) by local mode. cognito-local runs pre token generation triggers
// only in their version-1 form (ID token claims). Cognito's version-2 trigger can also change the access token's
// scopes and claims, which is how the Pet Store adds its API scope. This hook calls the real trigger (the .NET
// TokenScopesFunction, served by local mode at PETSTORE_PRE_TOKEN_TRIGGER_URL) with a version-2 event after
// cognito-local has made its tokens, applies accessTokenGeneration to the access token, and signs it again with
// cognito-local's own key, so that its JWKS still verifies it.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const triggerUrl = process.env.PETSTORE_PRE_TOKEN_TRIGGER_URL;
const cognitoLocal = path.dirname(require.resolve('cognito-local/package.json'));
const jwt = require(require.resolve('jsonwebtoken', { paths: [cognitoLocal] }));
const privateKey = require(path.join(cognitoLocal, 'lib', 'keys', 'cognitoLocal.private.json')).pem;
const reserved = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'jti', 'token_use', 'client_id', 'username', 'scope', 'origin_jti', 'event_id']);

function patch(JwtTokenGenerator) {
  const generate = JwtTokenGenerator.prototype.generate;
  JwtTokenGenerator.prototype.generate = async function (ctx, user, userGroups, userPoolClient, clientMetadata, source) {
    const tokens = await generate.apply(this, arguments);
    if (!triggerUrl) return tokens;

    const access = jwt.decode(tokens.AccessToken);
    const event = {
      version: '2',
      triggerSource: `TokenGeneration_${source}`,
      region: 'local',
      userPoolId: userPoolClient.UserPoolId,
      userName: user.Username,
      callerContext: { awsSdkVersion: 'cognito-local', clientId: userPoolClient.ClientId },
      request: {
        userAttributes: Object.fromEntries((user.Attributes ?? []).map((a) => [a.Name, a.Value])),
        groupConfiguration: { groupsToOverride: userGroups, iamRolesToOverride: [], preferredRole: null },
        scopes: access.scope.split(' '),
      },
      response: { claimsAndScopeOverrideDetails: null },
    };
    const response = await fetch(triggerUrl, { method: 'POST', body: JSON.stringify(event), headers: { 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`pre token generation trigger failed: HTTP ${response.status} ${await response.text()}`);
    const overrides = (await response.json())?.response?.claimsAndScopeOverrideDetails?.accessTokenGeneration;
    if (!overrides) return tokens;

    const scopes = new Set(access.scope.split(' '));
    for (const scope of overrides.scopesToAdd ?? []) scopes.add(scope);
    for (const scope of overrides.scopesToSuppress ?? []) scopes.delete(scope);
    access.scope = [...scopes].join(' ');
    for (const [claim, value] of Object.entries(overrides.claimsToAddOrOverride ?? {})) if (!reserved.has(claim)) access[claim] = value;
    for (const claim of overrides.claimsToSuppress ?? []) if (!reserved.has(claim)) delete access[claim];

    tokens.AccessToken = jwt.sign(access, privateKey, { algorithm: 'RS256', keyid: 'CognitoLocal' });
    return tokens;
  };
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exports = load.apply(this, arguments);
  if (exports?.JwtTokenGenerator && !exports.JwtTokenGenerator.__petstorePatched) {
    patch(exports.JwtTokenGenerator);
    exports.JwtTokenGenerator.__petstorePatched = true;
  }
  return exports;
};
