# Not a DynamoDB resource: the job-events stream belongs to the analytics pipeline and stays
# with this configuration after the jobs table moves (the test harness keeps this file).
resource "aws_kinesis_stream" "job_events" {
  name             = "legacy-cloud-tools-job-events"
  retention_period = 24

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }

  tags = {
    Project = "cloud-tools"
  }
}
