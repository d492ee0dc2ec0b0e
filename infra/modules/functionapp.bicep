import { resourceTags, vaultUris } from 'types.bicep'

param location string
param tags resourceTags
param planName string
param appName string

@description('Resource id and client id of the user-assigned identity the app runs as.')
param identityId string
param identityClientId string

param hostBlobEndpoint string
param hostQueueEndpoint string
param hostTableEndpoint string
param deploymentContainer string

param tableEndpoint string
param blobEndpoint string
param applicationInsightsConnectionString string
@description('Where the secrets are (Key Vault secret URIs), not the secrets.')
param vaultReferences vaultUris
param kafkaBootstrapServers string
param readEventsTopic string
param readEventsConsumerGroup string
param cdnBaseUrl string

@description('Origins of the web client (Cors:AllowedOrigins).')
param allowedOrigins string[]

@description('Sms:Acs:From, the number or sender id texts come from.')
param smsFrom string

@description('WeChat:AppId (empty: WeChat login off) and WeChat:RedirectUri, from the deployer.')
param weChatAppId string
param weChatRedirectUri string

@description('WeChatPay:MchId (empty: payments off), AppId, MerchantSerialNo and PlatformSerialNo, from the deployer.')
param weChatPayMchId string
param weChatPayAppId string
param weChatPayMerchantSerialNo string
param weChatPayPlatformSerialNo string

@description('WeChatPay:NotifyUrl from the deployer; empty: /pay/wechat/notify on this app\'s URL.')
param weChatPayNotifyUrl string

@description('Most instances the plan scales out to.')
param maximumInstanceCount int = 40

@description('Memory of one instance: 512, 2048 or 4096 MB.')
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var keyVaultReference = 'Microsoft.KeyVault(SecretUri={0})'

// Every setting the app reads, with its local default, is in local.settings.sample.json: the app gets all of
// them, with what differs on Azure below. The two host settings of the local file are set another way on Flex
// Consumption (the runtime in functionAppConfig, the host's storage by identity), and the local CORS origins
// are replaced by the deployment's.
var sampleSettings = loadJsonContent('../../local.settings.sample.json', '$.Values')
var localOnly = [ 'AzureWebJobsStorage', 'FUNCTIONS_WORKER_RUNTIME' ]
var defaults = toObject(
  filter(items(sampleSettings), s => !contains(localOnly, s.key) && !startsWith(s.key, 'Cors__AllowedOrigins__')),
  s => s.key, s => s.value)
var origins = toObject(range(0, length(allowedOrigins)), i => 'Cors__AllowedOrigins__${i}', i => allowedOrigins[i])

// WeChat:AppSecret is a Key Vault reference only when the vault holds it (WeChat login on); otherwise the
// sample's empty value stays, and the app leaves WeChat login off.
var weChatAppSecret = vaultReferences.?weChatAppSecret
var weChatSecretSettings = empty(weChatAppSecret) ? {} : {
  WeChat__AppSecret: '@${format(keyVaultReference, weChatAppSecret)}'
}

// The same for the WeChat Pay secrets, which the vault holds only with payments on.
var weChatPaySecrets = {
  WeChatPay__MerchantPrivateKey: vaultReferences.?weChatPayMerchantPrivateKey ?? ''
  WeChatPay__PlatformPublicKey: vaultReferences.?weChatPayPlatformPublicKey ?? ''
  WeChatPay__ApiV3Key: vaultReferences.?weChatPayApiV3Key ?? ''
}
var weChatPaySecretSettings = toObject(filter(items(weChatPaySecrets), s => !empty(s.value)), s => s.key, s => '@${format(keyVaultReference, s.value)}')

var url = 'https://${app.properties.defaultHostName}'
// Needs the app's host name, known only once the app exists, so it cannot sit in azureSettings (compiled as a
// template variable, which may not read a resource).
var notifySettings = {
  WeChatPay__NotifyUrl: empty(weChatPayNotifyUrl) ? '${url}/pay/wechat/notify' : weChatPayNotifyUrl
}

var azureSettings = {
  AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: hostQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Storage__ConnectionString: ''
  Storage__TableServiceUri: tableEndpoint
  Storage__BlobServiceUri: blobEndpoint
  Storage__ManagedIdentityClientId: identityClientId
  Redis__ConnectionString: '@${format(keyVaultReference, vaultReferences.redisConnectionString)}'
  Kafka__BootstrapServers: kafkaBootstrapServers
  Kafka__SaslUsername: '$ConnectionString'
  Kafka__SaslPassword: '@${format(keyVaultReference, vaultReferences.kafkaSaslPassword)}'
  ReadEvents__Topic: readEventsTopic
  ReadEvents__ConsumerGroup: readEventsConsumerGroup
  Auth__AccessTokenKey: '@${format(keyVaultReference, vaultReferences.accessTokenKey)}'
  Auth__RefreshTokenKey: '@${format(keyVaultReference, vaultReferences.refreshTokenKey)}'
  Sms__Providers__0: 'acs'
  Sms__Acs__ConnectionString: '@${format(keyVaultReference, vaultReferences.acsConnectionString)}'
  Sms__Acs__From: smsFrom
  Articles__CdnBaseUrl: cdnBaseUrl
  WeChat__AppId: weChatAppId
  WeChat__RedirectUri: weChatRedirectUri
  WeChat__StateKey: '@${format(keyVaultReference, vaultReferences.weChatStateKey)}'
  WeChatPay__MchId: weChatPayMchId
  WeChatPay__AppId: weChatPayAppId
  WeChatPay__MerchantSerialNo: weChatPayMerchantSerialNo
  WeChatPay__PlatformSerialNo: weChatPayPlatformSerialNo
  // Clients reach the app through the Functions front end, which appends their address.
  Http__ForwardedForHeader: 'X-Forwarded-For'
  Http__TrustedProxyCount: '1'
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // CORS is the app's own (Cors:AllowedOrigins), which also exposes the token headers; the platform's stays off.
      cors: { allowedOrigins: [] }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostBlobEndpoint}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(defaults, azureSettings, weChatSecretSettings, weChatPaySecretSettings, notifySettings, origins)
  }
}

output name string = app.name
output id string = app.id
output url string = url
