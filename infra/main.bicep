targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Region of every regional resource.')
param location string

@description('Origins of the web client, comma-separated (Cors:AllowedOrigins).')
param allowedOrigins string

@secure()
@description('Auth:AccessTokenKey: 32 characters or more (azure.yaml\'s preprovision hook makes one once).')
param accessTokenKey string

@secure()
@description('Auth:RefreshTokenKey: 32 characters or more, not the access key.')
param refreshTokenKey string

@secure()
@description('Sms:Acs:ConnectionString of the Azure Communication Services resource that sends texts.')
param acsConnectionString string

@description('Sms:Acs:From: the number or sender id texts come from.')
param smsFrom string

@description('Who is told when an alert fires (empty: no one).')
param alertEmail string

@description('WeChat:AppId of the WeChat website application (empty: WeChat login is off).')
param weChatAppId string = ''

@secure()
@description('WeChat:AppSecret of that application, kept in Key Vault; needed with weChatAppId, ignored without it.')
param weChatAppSecret string = ''

@description('WeChat:RedirectUri: the absolute URL of /oauth2/wechat/callback as clients reach it, on the callback domain registered with WeChat; needed with weChatAppId.')
param weChatRedirectUri string = ''

@secure()
@description('WeChat:StateKey: the state cookie\'s HS256 key, 32 characters or more, its own (azure.yaml\'s preprovision hook makes one once).')
param weChatStateKey string

@description('WeChatPay:MchId, the WeChat Pay merchant id (empty: payments are off and no WeChat Pay secret is made).')
param weChatPayMchId string = ''

@description('WeChatPay:AppId: the AppID the merchant is paid for; needed with weChatPayMchId.')
param weChatPayAppId string = ''

@description('WeChatPay:MerchantSerialNo: the serial number of the merchant\'s API certificate; needed with weChatPayMchId.')
param weChatPayMerchantSerialNo string = ''

@secure()
@description('WeChatPay:MerchantPrivateKey: the merchant\'s private key file (PEM, PKCS#8) in base64, kept in Key Vault; needed with weChatPayMchId.')
param weChatPayMerchantPrivateKey string = ''

@description('WeChatPay:PlatformPublicKey: WeChat Pay\'s platform public key file (PEM) in base64, kept in Key Vault; needed with weChatPayMchId.')
param weChatPayPlatformPublicKey string = ''

@description('WeChatPay:PlatformSerialNo: the serial (or public key id) WeChat Pay names for that key; needed with weChatPayMchId.')
param weChatPayPlatformSerialNo string = ''

@secure()
@description('WeChatPay:ApiV3Key: the APIv3 key (32 bytes) that decrypts callbacks, kept in Key Vault; needed with weChatPayMchId.')
param weChatPayApiV3Key string = ''

@description('WeChatPay:NotifyUrl: where WeChat Pay sends payment callbacks; empty: /pay/wechat/notify on the app\'s own URL (WEBOOK_API_URL).')
param weChatPayNotifyUrl string = ''

@minValue(1)
@maxValue(32)
@description('Partitions of every event hub: the most instances of one consumer that read a topic at once. Fixed once a hub exists.')
param eventHubPartitionCount int = 4

@minValue(1)
@maxValue(7)
@description('Days every event hub keeps its events (Standard tier: 1 to 7).')
param eventHubRetentionDays int = 1

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
// The names the app uses inside storage and the broker are the local defaults, from the one file that lists them.
var sample = loadJsonContent('../local.settings.sample.json', '$.Values')
var deploymentContainer = 'app-package'
var names = {
  identity: 'id-${token}'
  redis: 'redis-${token}'
  eventHubs: 'evhns-${token}'
  eventHubRule: 'webook-app'
}
// Every Kafka topic the app produces or consumes, with the consumer groups that read it: a new topic is one more
// entry here (its name from the sample, its readers' groups beside it).
var hubs = [
  { name: sample.ReadEvents__Topic, consumerGroups: [ sample.ReadEvents__ConsumerGroup ] }
  { name: sample.Follows__EventTopic, consumerGroups: [ sample.Notifications__ConsumerGroup, sample.Feed__ConsumerGroup ] }
  { name: sample.Comments__EventTopic, consumerGroups: [ sample.Notifications__ConsumerGroup ] }
  { name: sample.Feed__ArticleEventTopic, consumerGroups: [ sample.Feed__ConsumerGroup ] }
  { name: sample.Interactions__EventTopic, consumerGroups: [ sample.Notifications__ConsumerGroup ] }
  { name: sample.Payments__EventTopic, consumerGroups: [ sample.Rewards__ConsumerGroup ] }
]

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: { name: names.identity, location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
    publisherPrincipalId: identity.outputs.principalId
    publisherName: names.identity
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    dataAccountName: 'st${token}'
    hostAccountName: 'sth${token}'
    contentContainer: sample.Storage__ContentContainer
    draftContainer: sample.Articles__DraftContainer
    deploymentContainer: deploymentContainer
    appPrincipalId: identity.outputs.principalId
    appIdentityName: names.identity
  }
}

module redis 'modules/redis.bicep' = {
  scope: group
  params: { location: location, tags: tags, name: names.redis }
}

module eventHubs 'modules/eventhubs.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    namespaceName: names.eventHubs
    hubs: hubs
    ruleName: names.eventHubRule
    partitionCount: eventHubPartitionCount
    messageRetentionInDays: eventHubRetentionDays
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: 'kv-${token}'
    readerPrincipalId: identity.outputs.principalId
    readerName: names.identity
    accessTokenKey: accessTokenKey
    refreshTokenKey: refreshTokenKey
    acsConnectionString: acsConnectionString
    // No app id, no secret: Key Vault would keep an empty one, and a reference to an empty secret does not resolve.
    weChatAppSecret: empty(weChatAppId) ? '' : weChatAppSecret
    weChatStateKey: weChatStateKey
    // The same for WeChat Pay without a merchant id. The PEM files come in base64: azd writes values into
    // main.parameters.json as they are, and a newline there breaks the JSON.
    weChatPayMerchantPrivateKey: empty(weChatPayMchId) ? '' : base64ToString(weChatPayMerchantPrivateKey)
    weChatPayPlatformPublicKey: empty(weChatPayMchId) ? '' : base64ToString(weChatPayPlatformPublicKey)
    weChatPayApiV3Key: empty(weChatPayMchId) ? '' : weChatPayApiV3Key
    redisName: names.redis
    eventHubsNamespaceName: names.eventHubs
    eventHubRuleName: names.eventHubRule
  }
  // The secrets are read from these (listKeys) by name, which the linter wants known before deployment.
  dependsOn: [ redis, eventHubs ]
}

module cdn 'modules/frontdoor.bicep' = {
  scope: group
  params: {
    tags: tags
    profileName: 'afd-${token}'
    endpointName: 'content-${token}'
    blobHost: storage.outputs.blobHost
    contentContainer: sample.Storage__ContentContainer
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    planName: 'plan-${token}'
    appName: 'func-${token}'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostBlobEndpoint: storage.outputs.hostBlobEndpoint
    hostQueueEndpoint: storage.outputs.hostQueueEndpoint
    hostTableEndpoint: storage.outputs.hostTableEndpoint
    deploymentContainer: deploymentContainer
    tableEndpoint: storage.outputs.tableEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    vaultReferences: vault.outputs.vaultUris
    kafkaBootstrapServers: eventHubs.outputs.bootstrapServers
    readEventsTopic: sample.ReadEvents__Topic
    readEventsConsumerGroup: sample.ReadEvents__ConsumerGroup
    cdnBaseUrl: cdn.outputs.baseUrl
    allowedOrigins: map(split(allowedOrigins, ','), origin => trim(origin))
    smsFrom: smsFrom
    weChatAppId: weChatAppId
    weChatRedirectUri: weChatRedirectUri
    weChatPayMchId: weChatPayMchId
    weChatPayAppId: weChatPayAppId
    weChatPayMerchantSerialNo: weChatPayMerchantSerialNo
    weChatPayPlatformSerialNo: weChatPayPlatformSerialNo
    weChatPayNotifyUrl: weChatPayNotifyUrl
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    namePrefix: 'webook-${environmentName}'
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmail: alertEmail
  }
}

// azd stores these in the environment; azd deploy finds the app by its azd-service-name tag.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output WEBOOK_API_URL string = functionApp.outputs.url
output WEBOOK_CDN_BASE_URL string = cdn.outputs.baseUrl
