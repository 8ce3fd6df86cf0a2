// A real OpenID Connect provider (the certified `oidc-provider` package) on loopback, for the portal's E2E tests.
// Usage: PORTAL_ORIGIN=http://127.0.0.1:5123 node provider.mjs
// Prints "listening http://127.0.0.1:<port>" once it serves. Two accounts, each with a `role` claim:
//   alice / alice-password  -> "Alice Integrator", role integrator
//   tom / tom-password      -> "Tom Tenant", role tenant
//   nora / nora-password    -> "Nora Visitor", role visitor (no portal role)
//   ivan / ivan-password    -> "Ivan Capital", role Integrator (another case: no portal role either)
// The portal is registered for back-channel logout: signing out here ends its session too.
// The login page is the provider's own (served here, no external assets); consent is implied for this
// first-party client, as a company's own identity provider would do.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const portal = process.env.PORTAL_ORIGIN;
if (!portal) {
  console.error('Set PORTAL_ORIGIN to the portal under test, e.g. http://127.0.0.1:5123');
  process.exit(2);
}

const accounts = {
  alice: { password: 'alice-password', claims: { sub: 'oidc-alice', name: 'Alice Integrator', email: 'alice@acme.test', role: 'integrator' } },
  tom: { password: 'tom-password', claims: { sub: 'oidc-tom', name: 'Tom Tenant', email: 'tom@hillside.test', role: 'tenant' } },
  nora: { password: 'nora-password', claims: { sub: 'oidc-nora', name: 'Nora Visitor', email: 'nora@example.test', role: 'visitor' } },
  ivan: { password: 'ivan-password', claims: { sub: 'oidc-ivan', name: 'Ivan Capital', email: 'ivan@example.test', role: 'Integrator' } },
};
const bySub = Object.fromEntries(Object.values(accounts).map((a) => [a.claims.sub, a]));

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 24rem; margin: 3rem auto">${body}</body></html>`;

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'portal',
      client_secret: 'portal-e2e-secret',
      client_name: 'Gestal Cloud developer portal',
      redirect_uris: [`${portal}/signin-oidc`],
      post_logout_redirect_uris: [`${portal}/signout-callback-oidc`],
      backchannel_logout_uri: `${portal}/signout-backchannel-oidc`,
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: { openid: ['sub'], profile: ['name', 'role'], email: ['email'] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    // The provider refuses to call special-use addresses (SSRF protection); the portal under test is on loopback,
    // so back-channel logout goes out without that check here, and only here.
    fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined }),
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Sign out', `<h1>Sign out of the test provider?</h1>${form}
            <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
            <button type="submit" form="op.logoutForm">No, stay signed in</button>`);
        },
        postLogoutSuccessSource: async (ctx) => { ctx.body = page('Signed out', '<h1>Signed out</h1>'); },
      },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (ctx, sub) => {
      const account = bySub[sub];
      return account && { accountId: sub, claims: () => account.claims };
    },
    // First-party client: consent is implied, so the user sees only the login page.
    loadExistingGrant: async (ctx) => {
      const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => { ctx.type = 'html'; ctx.body = page('Error', `<h1>Sign-in error</h1><pre>${escape(JSON.stringify(out))}</pre>`); },
  });
  provider.proxy = false;
  provider.on('backchannel.error', (ctx, error) => console.error(`backchannel.error ${error.message} ${error.cause?.code ?? ''} ${error.cause?.message ?? ''}`));
  const callback = provider.callback();

  const loginForm = (uid, error) => page('Sign in', `<h1>Sign in to the test provider</h1>
    ${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${escape(uid)}">
      <p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required></p>
      <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
      <button type="submit">Sign in</button>
    </form>`);

  const readForm = (req) => new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });

  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginForm(details.uid));
      }
      const form = await readForm(req);
      const account = accounts[form.get('username') ?? ''];
      if (!account || account.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginForm(details.uid, 'Wrong username or password.'));
      }
      return provider.interactionFinished(req, res, { login: { accountId: account.claims.sub } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(`interaction failed: ${error.message}`);
    }
  });

  console.log(`listening ${issuer}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
