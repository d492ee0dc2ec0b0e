import { resourceTags } from 'types.bicep'

param location string
param tags resourceTags
param namePrefix string
param applicationInsightsId string

@description('Who is told when an alert fires; empty creates the alerts with no one to tell.')
param alertEmail string

type alertRule = {
  name: string
  description: string
  @description('0 critical to 4 verbose.')
  severity: int
  @description('Fires when this query over the window returns a row.')
  query: string
  windowSize: string
}

// The alerts of docs/observability.md, on the Application Insights tables the Azure Monitor exporter fills:
// requests (server spans) and customMetrics (our meters, name = instrument, customDimensions = tags).
var rules alertRule[] = [
  {
    name: 'server-errors'
    description: 'More than 1% of requests failed with a 5xx (code 5) over 5 minutes, with at least 100 requests.'
    severity: 1
    windowSize: 'PT5M'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 100 and todouble(failed) / total > 0.01'
  }
  {
    name: 'p99-latency'
    description: 'p99 latency of a route above 1 s for 10 minutes (login, PBKDF2-bound by design, above 2 s).'
    severity: 2
    windowSize: 'PT10M'
    query: 'requests | summarize p99 = percentile(duration, 99) by name | where p99 > iff(name has "login", 2000.0, 1000.0)'
  }
  {
    name: 'sms-failures'
    description: 'More than 20% of SMS attempts did not send over 10 minutes, with at least 20 attempts.'
    severity: 2
    windowSize: 'PT10M'
    query: 'customMetrics | where name == "webook.sms.attempts" | summarize total = sum(valueSum), failed = sumif(valueSum, tostring(customDimensions.outcome) != "sent") | where total >= 20 and failed / total > 0.2'
  }
  {
    name: 'read-events-lag'
    description: 'Over 15 minutes, 60,000 more read events were produced than consumed: counts are falling behind.'
    severity: 2
    windowSize: 'PT15M'
    query: 'customMetrics | where name in ("webook.read_events.produced", "webook.read_events.consumed") | summarize produced = sumif(valueSum, name == "webook.read_events.produced"), consumed = sumif(valueSum, name == "webook.read_events.consumed") | where produced - consumed > 60000'
  }
  {
    name: 'read-events-failing'
    description: 'Read-event batches keep failing: counting has stopped.'
    severity: 1
    windowSize: 'PT5M'
    query: 'customMetrics | where name == "webook.read_events.failures" | summarize failures = sum(valueSum) | where failures > 0'
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-oncall'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'webook'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      { name: 'oncall', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

resource alerts 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [for rule in rules: {
  name: '${namePrefix}-${rule.name}'
  location: location
  tags: tags
  properties: {
    displayName: rule.name
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [ applicationInsightsId ]
    evaluationFrequency: 'PT5M'
    windowSize: rule.windowSize
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}]
