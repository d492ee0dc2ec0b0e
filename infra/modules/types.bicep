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
}
