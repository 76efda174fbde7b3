import { Field, InputType } from '@nestjs/graphql';
import { CreateDeviceDto } from './create-device.dto';

/** GraphQL `importDevices(input:)`; each device is checked like a REST import line. */
@InputType()
export class ImportDevicesInput {
  @Field(() => [CreateDeviceDto], { description: 'Up to 10,000 devices, created all together or not at all.' })
  devices: unknown[];
}
