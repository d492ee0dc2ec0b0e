@export()
@description('Tags put on every resource (azd-env-name at least).')
type resourceTags = {
  *: string
}

@export()
@description('URIs (latest version) of the secrets the Function App reads through Key Vault references.')
type vaultUris = {
  accessTokenKey: string
  refreshTokenKey: string
  acsConnectionString: string
  redisConnectionString: string
  kafkaSaslPassword: string
  weChatStateKey: string

  @description('Only when WeChat login is on (an app id and its secret given): Key Vault keeps no empty secret.')
  weChatAppSecret: string?

  @description('These three only when WeChat Pay is on (a merchant id given), for the same reason.')
  weChatPayMerchantPrivateKey: string?
  weChatPayPlatformPublicKey: string?
  weChatPayApiV3Key: string?
}

@export()
@description('An event hub (a Kafka topic on the namespace\'s Kafka endpoint) and the consumer groups that read it.')
type eventHub = {
  @description('The hub\'s name, which is the Kafka topic the app produces to and consumes.')
  name: string

  @description('Consumer groups (Kafka group ids) that read the hub; empty for a hub nothing consumes.')
  consumerGroups: string[]
}
