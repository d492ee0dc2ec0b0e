// Writes the Function App's local.settings.json for the local stack of scripts/run.sh: every key of
// local.settings.sample.json in the sample's order, with the sample's values except the ones the local stack decides.
//
//   node scripts/functions-settings.mjs [FILE]      FILE defaults to local.settings.json at the repository root
//
// Inputs, all required, are environment variables named as the settings they set (scripts/run.sh exports them):
//   Storage__ConnectionString         Azurite. Also written to AzureWebJobsStorage (the host's own storage: timer
//                                     leases), the same account. run.sh passes UseDevelopmentStorage=true, because
//                                     its Azurite listens on the default ports 10000-10002 that this shorthand names;
//                                     Azurite elsewhere needs explicit endpoints (azurite_connection_string in stack.sh).
//   Redis__ConnectionString           Redis, e.g. 127.0.0.1:6379.
//   Kafka__BootstrapServers           The running mock broker, host:port (an ephemeral port: the file is only good
//                                     while that broker runs).
//   Auth__AccessTokenKey              The development signing keys of .local/run/dev-keys.env.
//   Auth__RefreshTokenKey
//   ReadEvents__TopicRefreshInterval  00:00:02 in run.sh.
//   WeChat__AppId, WeChat__AppSecret, WeChat__StateKey, WeChat__ApiBaseUrl, WeChat__QrConnectUrl, WeChat__RedirectUri
//                                     WeChat login against run.sh's fake WeChat (the secret and key from dev-keys.env).
//   WeChatPay__MchId, WeChatPay__AppId, WeChatPay__MerchantSerialNo, WeChatPay__MerchantPrivateKey,
//   WeChatPay__PlatformPublicKey, WeChatPay__PlatformSerialNo, WeChatPay__ApiV3Key, WeChatPay__NotifyUrl,
//   WeChatPay__ApiBaseUrl             Payments against run.sh's fake WeChat Pay (the PEM keys of .local/run/wechatpay,
//                                     multi-line strings in the JSON; the APIv3 key and serials from dev-keys.env).
// run.sh's other export, ASPNETCORE_ENVIRONMENT, is Webook.Server's: Core Tools runs the Function App as Development
// (AZURE_FUNCTIONS_ENVIRONMENT). Everything else, IsEncrypted and Host (LocalHttpPort 7071) included, is the sample's.
//
// The file holds the signing keys (and the merchant's private key): it is written with mode 0600 (and .gitignore lists local.settings.json). Prints one
// line naming the file and the keys it set, never their values; a missing input fails with one line on stderr.
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = [
  'Storage__ConnectionString',
  'Redis__ConnectionString',
  'Kafka__BootstrapServers',
  'Auth__AccessTokenKey',
  'Auth__RefreshTokenKey',
  'ReadEvents__TopicRefreshInterval',
  'WeChat__AppId',
  'WeChat__AppSecret',
  'WeChat__StateKey',
  'WeChat__ApiBaseUrl',
  'WeChat__QrConnectUrl',
  'WeChat__RedirectUri',
  'WeChatPay__MchId',
  'WeChatPay__AppId',
  'WeChatPay__MerchantSerialNo',
  'WeChatPay__MerchantPrivateKey',
  'WeChatPay__PlatformPublicKey',
  'WeChatPay__PlatformSerialNo',
  'WeChatPay__ApiV3Key',
  'WeChatPay__NotifyUrl',
  'WeChatPay__ApiBaseUrl',
];

function fail(message) {
  process.stderr.write(`functions-settings: ${message}\n`);
  process.exit(1);
}

if (process.argv.length > 3) fail('usage: node scripts/functions-settings.mjs [FILE]');
const file = resolve(process.argv[2] ?? join(root, 'local.settings.json'));

const missing = inputs.filter((name) => !process.env[name]);
if (missing.length > 0) {
  fail(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set (scripts/run.sh --functions sets them from the running stack)`);
}

const local = Object.fromEntries(inputs.map((name) => [name, process.env[name]]));
local.AzureWebJobsStorage = local.Storage__ConnectionString;

let sample;
try {
  sample = JSON.parse(readFileSync(join(root, 'local.settings.sample.json'), 'utf8'));
} catch (error) {
  fail(`cannot read local.settings.sample.json: ${error.message}`);
}
const absent = Object.keys(local).filter((key) => !Object.hasOwn(sample.Values ?? {}, key));
if (absent.length > 0) fail(`local.settings.sample.json has no ${absent.join(', ')}`);

// Replacing Values keeps its place among the top-level keys; mapping the entries keeps the sample's order of the keys.
const settings = {
  ...sample,
  Values: Object.fromEntries(Object.entries(sample.Values).map(([key, value]) => [key, Object.hasOwn(local, key) ? local[key] : value])),
};

// Written beside the target and renamed over it, so the keys are never in a file readable by others, not even briefly.
const temporary = `${file}.${process.pid}.tmp`;
try {
  writeFileSync(temporary, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
} catch (error) {
  rmSync(temporary, { force: true });
  fail(`cannot write ${file}: ${error.message}`);
}

const keys = Object.keys(settings.Values).filter((key) => Object.hasOwn(local, key));
console.log(`wrote ${file} (mode 0600): the ${Object.keys(settings.Values).length} settings of local.settings.sample.json, ${keys.join(', ')} from the local stack`);
