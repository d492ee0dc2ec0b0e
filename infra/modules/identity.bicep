@description('Name of the user-assigned identity the Function App runs as.')
param name string
param location string
param tags resourceTags

import { resourceTags } from 'types.bicep'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
