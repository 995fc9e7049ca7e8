/*
 * acme-apikey: a connection to an Acme server with an API key, through
 * a proxy when the user names one.
 */
const axios = require('axios');

function client(input) {
  return axios.create({
    baseURL: input.server_url,
    headers: { 'X-Api-Key': input.apiKey },
    proxy: input.proxy && input.proxy.hostName ? { host: input.proxy.hostName } : false
  });
}

module.exports = {
  connect(input, output) {
    output(null, {
      handle: {
        serverUrl: input.server_url,
        apiKey: input.apiKey,
        proxy: input.proxy
      }
    });
  },

  // GET /api/v2/me answers 401 for a key Acme does not know.
  async validate(input, options, output) {
    try {
      await client(input).get('/api/v2/me');
      output(null, true);
    } catch (err) {
      output(err);
    }
  }
};
