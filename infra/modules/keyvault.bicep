import { resourceTags, vaultUris } from 'types.bicep'

param location string
param tags resourceTags
param name string

@description('Principal id of the app identity, which reads the secrets (Key Vault references).')
param readerPrincipalId string

@description('Name of that identity: known before deployment, it keeps the role assignment\'s name stable.')
param readerName string

@secure()
@description('Auth:AccessTokenKey, at least 32 characters.')
param accessTokenKey string

@secure()
@description('Auth:RefreshTokenKey, at least 32 characters, not the access key.')
param refreshTokenKey string

@secure()
@description('Sms:Acs:ConnectionString of Azure Communication Services.')
param acsConnectionString string

@secure()
@description('WeChat:AppSecret; empty (WeChat login off): no secret is made, since a Key Vault reference to an empty secret does not resolve.')
param weChatAppSecret string

@secure()
@description('WeChat:StateKey, at least 32 characters, not a token key.')
param weChatStateKey string

@secure()
@description('WeChatPay:MerchantPrivateKey (PEM); empty (WeChat Pay off): no secret is made, as for weChatAppSecret.')
param weChatPayMerchantPrivateKey string

@secure()
@description('WeChatPay:PlatformPublicKey (PEM): public, but multi-line, so it is kept beside the merchant key; empty: no secret.')
param weChatPayPlatformPublicKey string

@secure()
@description('WeChatPay:ApiV3Key (32 bytes); empty: no secret.')
param weChatPayApiV3Key string

@description('The Azure Managed Redis cluster whose access key makes Redis:ConnectionString.')
param redisName string

@description('The Event Hubs namespace and its namespace-level rule whose connection string is Kafka:SaslPassword.')
param eventHubsNamespaceName string
param eventHubRuleName string

resource redis 'Microsoft.Cache/redisEnterprise@2025-07-01' existing = {
  name: redisName

  resource database 'databases' existing = {
    name: 'default'
  }
}

resource eventHubsNamespace 'Microsoft.EventHub/namespaces@2026-01-01' existing = {
  name: eventHubsNamespaceName

  resource rule 'authorizationRules' existing = {
    name: eventHubRuleName
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
  }

  resource accessKey 'secrets' = {
    name: 'auth-access-token-key'
    properties: { value: accessTokenKey }
  }

  resource refreshKey 'secrets' = {
    name: 'auth-refresh-token-key'
    properties: { value: refreshTokenKey }
  }

  resource acs 'secrets' = {
    name: 'sms-acs-connection-string'
    properties: { value: acsConnectionString }
  }

  resource stateKey 'secrets' = {
    name: 'wechat-state-key'
    properties: { value: weChatStateKey }
  }

  // Only with WeChat login on (main.bicep passes no secret without an app id).
  resource weChatSecret 'secrets' = if (!empty(weChatAppSecret)) {
    name: 'wechat-app-secret'
    properties: { value: weChatAppSecret }
  }

  // Only with WeChat Pay on (main.bicep passes none without a merchant id).
  resource payMerchantKey 'secrets' = if (!empty(weChatPayMerchantPrivateKey)) {
    name: 'wechatpay-merchant-private-key'
    properties: { value: weChatPayMerchantPrivateKey }
  }

  resource payPlatformKey 'secrets' = if (!empty(weChatPayPlatformPublicKey)) {
    name: 'wechatpay-platform-public-key'
    properties: { value: weChatPayPlatformPublicKey }
  }

  resource payApiV3Key 'secrets' = if (!empty(weChatPayApiV3Key)) {
    name: 'wechatpay-api-v3-key'
    properties: { value: weChatPayApiV3Key }
  }

  resource redisConnection 'secrets' = {
    name: 'redis-connection-string'
    properties: {
      value: '${redis.properties.hostName}:10000,password=${redis::database.listKeys().primaryKey},ssl=True,abortConnect=False'
    }
  }

  resource kafkaPassword 'secrets' = {
    name: 'kafka-sasl-password'
    properties: { value: eventHubsNamespace::rule.listKeys().primaryConnectionString }
  }
}

// Key Vault Secrets User on this vault only, which holds nothing but the app's secrets.
resource secretsUser 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerName, secretsUser.id)
  scope: vault
  properties: { principalId: readerPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: secretsUser.id }
}

output name string = vault.name
// Secret URIs without a version: a reference follows the latest version (rotation, docs/deploy.md).
output vaultUris vaultUris = {
  accessTokenKey: vault::accessKey.properties.secretUri
  refreshTokenKey: vault::refreshKey.properties.secretUri
  acsConnectionString: vault::acs.properties.secretUri
  redisConnectionString: vault::redisConnection.properties.secretUri
  kafkaSaslPassword: vault::kafkaPassword.properties.secretUri
  weChatStateKey: vault::stateKey.properties.secretUri
  weChatAppSecret: vault::weChatSecret.?properties.secretUri
  weChatPayMerchantPrivateKey: vault::payMerchantKey.?properties.secretUri
  weChatPayPlatformPublicKey: vault::payPlatformKey.?properties.secretUri
  weChatPayApiV3Key: vault::payApiV3Key.?properties.secretUri
}
