/*
 * The built-in security rules' decisions: which names and titles hold a
 * secret, which URL defaults are plain http, and which fields are left
 * alone.  Each case is one field of a form that every other rule finds
 * clean, linted with all the built-in rules, so that a case also shows
 * that no other rule objects.  Fields are written with ` for ", as in
 * engine.h.
 */
#include "engine.h"

#include <stdbool.h>

#define MASKED "security-secret-masked"
#define DEFAULT "security-secret-default"
#define VALUE "security-credential-value"
#define HTTPS "security-url-https"

static struct ruleset builtin;

/* Lints a form whose one field is the member text field (`name`: {...}). */
static void
lint_field(struct fx *f, const char *field)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "{`type`: `object`, `title`: `Acme`, `format`: `table`, "
		 "`properties`: {%s}}", field);
	fx_lint(f, b.s);
	buf_release(&b);
}

/* The rules that fired, as "a b c" in the order of the findings. */
static void
fired(const struct fx *f, struct buf *out)
{
	buf_reset(out);
	for (size_t k = 0; k < f->out.n; k++)
		buf_addf(out, "%s%s", k ? " " : "", f->out.v[k].rule);
}

/*
 * Checks that the field, a string field named name with the title given,
 * gets exactly the findings of rules (NULL: none).
 */
static void
expect_named(struct fx *f, const char *name, const char *title,
	     const char *rest, const char *rules)
{
	struct buf field = BUF_INIT, got = BUF_INIT;

	buf_addf(&field, "`%s`: {`type`: `string`, `title`: `%s`, "
		 "`description`: `Help`%s}", name, title, rest);
	lint_field(f, field.s);
	fired(f, &got);
	if (strcmp(got.s, rules ? rules : "") != 0)
		print_message("%s, titled %s: want \"%s\", got \"%s\"\n", name,
			      title, rules ? rules : "", got.s);
	assert_string_equal(got.s, rules ? rules : "");
	buf_release(&field);
	buf_release(&got);
}

static int
setup(void **state)
{
	struct fx *f;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	/* the engine's fixture, with the built-in rules */
	f->rs = builtin;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	ruleset_init(&f->rs);	/* the rules are the group's */
	return fx_teardown(state);
}

static void
test_secret_names(void **state)
{
	struct fx *f = *state;
	static const char *const secret[] = {
		"password", "passwd", "pwd", "userPassword", "user_password",
		"PASSWORD", "db-password", "password2", "userPass", "db_pass",
		"passphrase", "keyPassphrase", "apiKey", "api_key", "APIKey",
		"apikey", "XApiKey", "x-api-key", "X-API-Key", "apiKeys",
		"accessKey", "access_key", "secretKey", "secretAccessKey",
		"SECRET_ACCESS_KEY", "privateKey", "private_key",
		"privateKeyPem", "sharedKey", "accountKey", "masterKey",
		"authKey", "signingKey", "encryptionKey", "subscriptionKey",
		"licenseKey", "secret", "clientSecret", "client_secret",
		"appSecret", "webhookSecret", "token", "accessToken",
		"access_token", "refreshToken", "authToken", "bearerToken",
		"sasToken", "personalAccessToken", "idToken",
	};

	for (size_t k = 0; k < sizeof(secret) / sizeof(*secret); k++) {
		expect_named(f, secret[k], "Field", "", MASKED);
		expect_named(f, secret[k], "Field", ", `format`: `password`",
			     NULL);
	}
	/* masked some other way is not masked */
	expect_named(f, "apiKey", "Field", ", `format`: `text`", MASKED);
}

static void
test_not_secret_names(void **state)
{
	struct fx *f = *state;
	/* places and kinds of secrets, ids, and words that contain one */
	static const char *const plain[] = {
		"tokenUrl", "token_endpoint", "tokenType", "token_type",
		"accessTokenUrl", "tokenExpiry", "secretName", "secretId",
		"keyName", "keyId", "accessKeyId", "passwordPolicy",
		"passwordHint", "passwordRequired", "apiKeyHeader",
		"apiKeyLocation", "key", "publicKey", "primaryKey",
		"consumerKey", "hostKey", "keyVaultUrl", "keyStorePath",
		"clientId", "username", "passwordless", "bypass", "compass",
		"tokenizer", "secretary", "passThrough",
	};

	for (size_t k = 0; k < sizeof(plain) / sizeof(*plain); k++)
		expect_named(f, plain[k], "Field", "", NULL);
}

static void
test_secret_titles(void **state)
{
	struct fx *f = *state;
	static const char *const secret[] = {
		"Password", "Your password", "API key", "API Key", "API-Key",
		"Api key (from your account page)", "Client secret",
		"Access token", "ACCESS TOKEN", "Personal access token",
		"Secret access key", "Private key", "Private key (PEM)",
		"Password *", "Password:", "Password (min. 8 characters)",
		"Keystore password", "Password or token", "Shared key",
		"Storage account key", "API key 2",
		"Passphrase of the private key",
		/* i18n tokens */
		"acme:conn_apikey_access_key", "acme:conn_password",
		"acme:conn_password_title", "acme:conn_client_secret_label",
	};
	static const char *const plain[] = {
		"Token URL", "Token endpoint", "Token type", "Secret name",
		"Key name", "Password policy", "API key header",
		"Access key ID", "Token lifetime (seconds)", "Key",
		"Keystore path", "Public key",
		"Tokens per minute", "Where the API key goes", "Secretary",
		"Bypass proxy", "User name",
		/* the last word decides: this one is a name, not the key */
		"acme:conn_apikey_account_name", "acme:conn_token_url",
		/* a title that does not end with the word is not read */
		"Password for the Acme account",
	};

	for (size_t k = 0; k < sizeof(secret) / sizeof(*secret); k++)
		expect_named(f, "field", secret[k], "", MASKED);
	for (size_t k = 0; k < sizeof(plain) / sizeof(*plain); k++)
		expect_named(f, "field", plain[k], "", NULL);
}

static void
test_secret_types(void **state)
{
	struct fx *f = *state;

	/* a check box or a number named after a secret holds none */
	lint_field(f, "`rememberPassword`: {`type`: `boolean`, `title`: "
		   "`Remember password`, `description`: `Help`}");
	fx_count(f, 0);
	lint_field(f, "`maxTokens`: {`type`: `integer`, `title`: "
		   "`Max tokens`, `description`: `Help`}");
	fx_count(f, 0);
	/* a string, or a string or null, may hold one */
	lint_field(f, "`token`: {`type`: [`string`, `null`], `title`: "
		   "`Token`, `description`: `Help`}");
	fx_count(f, 1);
	fx_expect_at(f, 0, MASKED, "`token`", "property `token` holds a "
		     "secret, but Flow shows it as it is typed; add `format`: "
		     "`password`, so that Flow masks it");
	lint_field(f, "`token`: {`title`: `Token`, `description`: `Help`, "
		   "`type`: `string`, `format`: `uri`}");
	fx_count(f, 1);
	fx_expect_at(f, 0, MASKED, "`uri`", "property `token` holds a "
		     "secret, but its `format` is `uri`; expected `password`, "
		     "so that Flow masks it");
}

static void
test_secret_default(void **state)
{
	struct fx *f = *state;

	expect_named(f, "password", "Password",
		     ", `format`: `password`, `default`: `changeme`", DEFAULT);
	fx_expect_at(f, 0, DEFAULT, "`changeme`", "property `password` holds "
		     "a secret but has a `default`: a credential committed "
		     "with the connector; remove it (and revoke it, if it was "
		     "real), and let each user type their own");
	/* masked is secret, whatever the name */
	expect_named(f, "pin", "PIN", ", `format`: `password`, `default`: "
		     "`1234`", DEFAULT);
	/* by its name, masked or not */
	expect_named(f, "apiKey", "Field", ", `default`: `abc`",
		     MASKED " " DEFAULT);
	/* empty holds nothing */
	expect_named(f, "password", "Password", ", `format`: `password`, "
		     "`default`: ``", NULL);
	expect_named(f, "host", "Host", ", `default`: `acme.example.com`",
		     NULL);
}

static void
test_credential_value(void **state)
{
	struct fx *f = *state;
	static const char *const keys[] = {
		"AKIAIOSFODNN7EXAMPLE",
		"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
		"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv",
		"xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
		"sk_live_4eC39HqLyjWDarjtT1zdp7dc",
		"rk_live_51H8sdfLkj23lkjSDFlkj3",
		"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
		"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA",
		"-----BEGIN OPENSSH PRIVATE KEY-----",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3",
		"7fJ2kLm9QxZ4vB8nR3tW6yH1cD5gP0sA",
	};
	char rest[256];

	for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++) {
		snprintf(rest, sizeof(rest), ", `default`: `%s`", keys[k]);
		expect_named(f, "region", "Region", rest, VALUE);
		snprintf(rest, sizeof(rest), ", `enum`: [`eu`, `%s`], "
			 "`default`: `eu`", keys[k]);
		expect_named(f, "region", "Region", rest, VALUE);
	}
	/* the value is not in the message */
	fx_expect_at(f, 0, VALUE, "`7fJ2kLm9QxZ4vB8nR3tW6yH1cD5gP0sA`",
		     "property `region`: an item of `enum` looks like a "
		     "credential (it holds a random-looking string of 32 "
		     "characters, 5.0 bits of entropy each); remove it (and "
		     "revoke it, if it was real): connection.json is committed "
		     "with the connector");
	/* the keys' names without their secret part, and look-alikes */
	expect_named(f, "region", "Region", ", `default`: `sk_test_x`", NULL);
	expect_named(f, "region", "Region", ", `default`: `AKIA`", NULL);
	expect_named(f, "region", "Region", ", `enum`: [`eyJ`, `ghp_`, "
		     "`xoxb-`, `AIza`], `default`: `eyJ`", NULL);
	expect_named(f, "uid", "UID", ", `default`: "
		     "`6f1e2d3c4b5a69788796a5b4c3d2e1f0`", NULL);
}

static void
test_url_https(void **state)
{
	struct fx *f = *state;
	static const char *const loopback[] = {
		"http://localhost", "http://localhost:8080/api",
		"http://127.0.0.1", "http://127.0.0.1:3000/x",
		"http://[::1]:80",
		"https://acme.example.com", "acme.example.com",
	};
	static const char *const urls[] = {
		/* the name, the title or the format says URL */
		"`serverUrl`: {`title`: `Server`",
		"`baseURL`: {`title`: `Base`",
		"`token_endpoint`: {`title`: `Where`",
		"`webhookUri`: {`title`: `Hook`",
		"`server`: {`title`: `Server URL`",
		"`server`: {`title`: `acme:conn_server_url`",
		"`server`: {`title`: `Server`, `format`: `uri`",
	};
	char field[256];

	for (size_t k = 0; k < sizeof(urls) / sizeof(*urls); k++) {
		snprintf(field, sizeof(field), "%s, `type`: `string`, "
			 "`description`: `Help`, `default`: "
			 "`http://acme.example.com`}", urls[k]);
		lint_field(f, field);
		fx_count(f, 1);
		assert_string_equal(f->out.v[0].rule, HTTPS);
		assert_int_equal(f->out.v[0].sev, SEV_WARNING);
	}
	for (size_t k = 0; k < sizeof(loopback) / sizeof(*loopback); k++) {
		snprintf(field, sizeof(field), ", `format`: `uri`, `default`: "
			 "`%s`", loopback[k]);
		expect_named(f, "url", "URL", field, NULL);
	}
	expect_named(f, "url", "URL", ", `default`: `HTTP://acme.example.com`",
		     HTTPS);
	fx_expect_at(f, 0, HTTPS, "`HTTP://acme.example.com`", "property "
		     "`url`: `default` is `HTTP://acme.example.com`, a plain "
		     "http:// URL; use https://, so that what the connector "
		     "sends, credentials included, is encrypted");
	/* a name like localhost is not loopback */
	expect_named(f, "url", "URL", ", `default`: "
		     "`http://localhost.example.com`", HTTPS);
	/* not a URL field: an XML namespace is a name */
	expect_named(f, "namespace", "Namespace", ", `default`: "
		     "`http://schemas.xmlsoap.org/soap/envelope/`", NULL);
}

static void
test_wrapper_shape(void **state)
{
	struct fx *f = *state;

	fx_lint(f, "{`name`: `acme-apikey`, `input`: {`type`: `object`, "
		"`title`: `acme:title`, `format`: `table`, `properties`: {"
		"`accessKey`: "
		"{`type`: `string`, `title`: `acme:conn_apikey_access_key`, "
		"`description`: `acme:conn_apikey_access_key_description`, "
		"`default`: `AKIAIOSFODNN7EXAMPLE`}}}, `output`: {`type`: "
		"`object`, `properties`: {`handle`: {`type`: `object`, "
		"`title`: `handle`, `default`: `AKIAIOSFODNN7EXAMPLE`}}}}");
	/* the output is not a form: nobody types in it */
	fx_count(f, 3);
	fx_expect_at(f, 0, MASKED, "`accessKey`", "property `accessKey` holds "
		     "a secret, but Flow shows it as it is typed; add "
		     "`format`: `password`, so that Flow masks it");
	/* at the same place, in the order of the rules */
	assert_string_equal(f->out.v[1].rule, VALUE);
	assert_string_equal(f->out.v[2].rule, DEFAULT);
	assert_string_equal(f->out.v[2].pointer,
			    "/input/properties/accessKey/default");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_secret_names),
		T(test_not_secret_names),
		T(test_secret_titles),
		T(test_secret_types),
		T(test_secret_default),
		T(test_credential_value),
		T(test_url_https),
		T(test_wrapper_shape),
	};
	char *err = NULL;
	int failed;

	ruleset_init(&builtin);
	if (ruleset_add_builtin(&builtin, &err) < 0) {
		fprintf(stderr, "built-in rules do not load: %s\n", err);
		free(err);
		return 1;
	}
	failed = cmocka_run_group_tests_name("security", tests, NULL, NULL);
	ruleset_release(&builtin);
	return failed;
}
