import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags
param name string

@description('Azure Managed Redis SKU; Balanced_B0 is the smallest.')
param skuName string = 'Balanced_B0'

resource cluster 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName }
  properties: {
    minimumTlsVersion: '1.2'
    // Reached over TLS with its access key; a private endpoint would need the Function App in a virtual network.
    publicNetworkAccess: 'Enabled'
  }

  resource database 'databases' = {
    name: 'default'
    properties: {
      // TLS only; one endpoint for the whole cluster, so every key is reachable without a cluster-aware client.
      clientProtocol: 'Encrypted'
      port: 10000
      clusteringPolicy: 'EnterpriseCluster'
      // Sessions, codes and limits must not vanish under memory pressure: writes fail instead (code 5).
      evictionPolicy: 'NoEviction'
      // StackExchange.Redis signs in with the access key: Entra ID sign-in needs Microsoft.Azure.StackExchangeRedis, which our registry does not serve.
      accessKeysAuthentication: 'Enabled'
    }
  }
}

output name string = cluster.name
output hostName string = cluster.properties.hostName
