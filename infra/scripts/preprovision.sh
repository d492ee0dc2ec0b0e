#!/bin/sh
# Before azd provisions: makes the two token signing keys and the WeChat state key once per azd environment
# (kept in its .env, never in the repository), and refuses to go on without the settings only the deployer can give.
set -eu

# ensure_key NAME: a random 64-character key unless the environment already has one (rotation: docs/deploy.md).
ensure_key() {
  if [ -z "$(azd env get-value "$1" 2>/dev/null || true)" ]; then
    azd env set "$1" "$(head -c 48 /dev/urandom | base64 | tr -d '\n')" > /dev/null
    echo "made $1"
  fi
}
ensure_key WEBOOK_ACCESS_TOKEN_KEY
ensure_key WEBOOK_REFRESH_TOKEN_KEY
ensure_key WEBOOK_WECHAT_STATE_KEY

required="WEBOOK_ALLOWED_ORIGINS WEBOOK_ACS_CONNECTION_STRING WEBOOK_SMS_FROM"
# WeChat login is optional; with an app id it needs its secret and redirect URI (the app would refuse to start).
if [ -n "$(azd env get-value WEBOOK_WECHAT_APP_ID 2>/dev/null || true)" ]; then
  required="$required WEBOOK_WECHAT_APP_SECRET WEBOOK_WECHAT_REDIRECT_URI"
fi
# WeChat Pay is optional too; with a merchant id it needs the rest (NotifyUrl defaults in infra/).
pay="$(azd env get-value WEBOOK_WECHATPAY_MCH_ID 2>/dev/null || true)"
if [ -n "$pay" ]; then
  required="$required WEBOOK_WECHATPAY_APP_ID WEBOOK_WECHATPAY_MERCHANT_SERIAL_NO WEBOOK_WECHATPAY_MERCHANT_PRIVATE_KEY"
  required="$required WEBOOK_WECHATPAY_PLATFORM_PUBLIC_KEY WEBOOK_WECHATPAY_PLATFORM_SERIAL_NO WEBOOK_WECHATPAY_API_V3_KEY"
fi
missing=""
for name in $required; do
  [ -n "$(azd env get-value "$name" 2>/dev/null || true)" ] || missing="$missing $name"
done
if [ -n "$missing" ]; then
  echo "Set these first with 'azd env set NAME VALUE' (docs/deploy.md):$missing" >&2
  exit 1
fi

# What the app would refuse at start, caught before a deployment: the PEM files in base64 (a newline would break
# main.parameters.json, which azd fills in as text) and a 32-byte APIv3 key.
if [ -n "$pay" ]; then
  for name in WEBOOK_WECHATPAY_MERCHANT_PRIVATE_KEY WEBOOK_WECHATPAY_PLATFORM_PUBLIC_KEY; do
    case "$(azd env get-value "$name" | base64 -d 2>/dev/null | head -c 11)" in
      "-----BEGIN ") ;;
      *) echo "$name must be the PEM file in base64, as docs/deploy.md shows, not the file itself" >&2; exit 1 ;;
    esac
  done
  if [ "$(azd env get-value WEBOOK_WECHATPAY_API_V3_KEY | tr -d '\n' | wc -c | tr -d ' ')" != 32 ]; then
    echo "WEBOOK_WECHATPAY_API_V3_KEY must be the 32-byte APIv3 key set in the WeChat Pay merchant platform" >&2
    exit 1
  fi
fi
