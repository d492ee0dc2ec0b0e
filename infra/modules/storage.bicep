import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags

@description('The app data account: tables, drafts and the published-content container.')
param dataAccountName string

@description('The Functions host account: its leases and the deployment package.')
param hostAccountName string

@description('Published content, read anonymously through the CDN (Storage:ContentContainer).')
param contentContainer string

@description('Draft bodies, private (Articles:DraftContainer).')
param draftContainer string

@description('Container the Flex Consumption plan deploys the app package from.')
param deploymentContainer string

@description('Principal id of the app identity.')
param appPrincipalId string

@description('Name of that identity: known before deployment, it keeps the role assignments\' names stable.')
param appIdentityName string

var storageDefaults = {
  minimumTlsVersion: 'TLS1_2'
  supportsHttpsTrafficOnly: true
  // The app and the host sign in with the managed identity; account keys are refused.
  allowSharedKeyAccess: false
  defaultToOAuthAuthentication: true
}

resource data 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: dataAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: union(storageDefaults, {
    // Published articles are public web content: only the content container allows anonymous reads.
    allowBlobPublicAccess: true
  })

  resource blobs 'blobServices' = {
    name: 'default'

    resource content 'containers' = {
      name: contentContainer
      properties: { publicAccess: 'Blob' }
    }

    resource drafts 'containers' = {
      name: draftContainer
      properties: { publicAccess: 'None' }
    }
  }
}

resource host 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: hostAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: union(storageDefaults, { allowBlobPublicAccess: false })

  resource blobs 'blobServices' = {
    name: 'default'

    resource deployment 'containers' = {
      name: deploymentContainer
      properties: { publicAccess: 'None' }
    }
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource blobDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource blobDataOwner 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
}

// The app's tables (created on first use) and its two containers; nothing else in the account.
resource appTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(data.id, appIdentityName, tableDataContributor.id)
  scope: data
  properties: { principalId: appPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: tableDataContributor.id }
}

resource appContent 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(data::blobs::content.id, appIdentityName, blobDataContributor.id)
  scope: data::blobs::content
  properties: { principalId: appPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: blobDataContributor.id }
}

resource appDrafts 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(data::blobs::drafts.id, appIdentityName, blobDataContributor.id)
  scope: data::blobs::drafts
  properties: { principalId: appPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: blobDataContributor.id }
}

// The Functions host keeps its timer leases and reads the package in its own account (Blob Data Owner, as it documents).
resource hostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(host.id, appIdentityName, blobDataOwner.id)
  scope: host
  properties: { principalId: appPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: blobDataOwner.id }
}

output dataAccountName string = data.name
output tableEndpoint string = data.properties.primaryEndpoints.table
output blobEndpoint string = data.properties.primaryEndpoints.blob
output blobHost string = replace(replace(data.properties.primaryEndpoints.blob, 'https://', ''), '/', '')
output hostAccountName string = host.name
output hostBlobEndpoint string = host.properties.primaryEndpoints.blob
output hostQueueEndpoint string = host.properties.primaryEndpoints.queue
output hostTableEndpoint string = host.properties.primaryEndpoints.table
