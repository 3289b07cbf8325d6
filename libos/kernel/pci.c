/* pci.c: PCI configuration space through the 0xCF8/0xCFC ports, and a bus scan. */

#include <unikernel.h>

#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA 0xCFC
#define PCI_ENABLE 0x80000000
#define PCI_VENDOR_NONE 0xFFFF           /* what an empty slot reads as */
#define PCI_MULTIFUNCTION 0x80           /* header type bit: functions 1-7 may exist */
#define PCI_HEADER_BRIDGE 0x01           /* header type of a PCI-to-PCI bridge */
#define PCI_DEVICES_PER_BUS 32
#define PCI_FUNCTIONS 8

#define REG_ID 0x00                      /* device id << 16 | vendor id */
#define REG_CLASS 0x08                   /* class << 24 | subclass << 16 | prog if << 8 | revision */
#define REG_HEADER 0x0C                  /* header type in bits 16-23 */
#define REG_BAR0 0x10
#define REG_BUSES 0x18                   /* bridge: secondary bus in bits 8-15 */
#define REG_INTERRUPT 0x3C               /* interrupt line in bits 0-7 */

static unsigned int
address_of(int bus, int device, int function, int offset)
{
  return PCI_ENABLE | (bus & 0xFF) << 16 | (device & 0x1F) << 11 | (function & 7) << 8 | (offset & 0xFC);
}

unsigned int
pci_config_read(int bus, int device, int function, int offset)
{
  outl(address_of(bus, device, function, offset), PCI_CONFIG_ADDRESS);
  return inl(PCI_CONFIG_DATA);
}

void
pci_config_write(int bus, int device, int function, int offset, unsigned int value)
{
  outl(address_of(bus, device, function, offset), PCI_CONFIG_ADDRESS);
  outl(value, PCI_CONFIG_DATA);
}

struct scan {
  struct pci_device *devices;
  int max;
  int count;
};

static void scan_bus(struct scan *scan, int bus, int depth);

static void
add_function(struct scan *scan, int bus, int device, int function, unsigned int id, int depth)
{
  unsigned int class_reg = pci_config_read(bus, device, function, REG_CLASS);
  unsigned int header = pci_config_read(bus, device, function, REG_HEADER) >> 16 & 0xFF;
  struct pci_device *d;
  int i;

  if (scan->count < scan->max) {
    d = &scan->devices[scan->count];
    d->bus = bus;
    d->device = device;
    d->function = function;
    d->vendor_id = id & 0xFFFF;
    d->device_id = id >> 16;
    d->class_code = class_reg >> 24;
    d->subclass = class_reg >> 16 & 0xFF;
    d->prog_if = class_reg >> 8 & 0xFF;
    d->revision = class_reg & 0xFF;
    d->header_type = header;
    d->irq_line = pci_config_read(bus, device, function, REG_INTERRUPT) & 0xFF;
    for (i = 0; i < 6; i++)
      d->bar[i] = (header & 0x7F) == 0 ? pci_config_read(bus, device, function, REG_BAR0 + 4 * i) : 0;
  }
  scan->count++;
  /* Bridges lead to further buses; the depth limit stops a loop on a misconfigured bridge. */
  if ((header & 0x7F) == PCI_HEADER_BRIDGE && depth < 8)
    scan_bus(scan, pci_config_read(bus, device, function, REG_BUSES) >> 8 & 0xFF, depth + 1);
}

static void
scan_bus(struct scan *scan, int bus, int depth)
{
  unsigned int id, header;
  int device, function, functions;

  for (device = 0; device < PCI_DEVICES_PER_BUS; device++) {
    id = pci_config_read(bus, device, 0, REG_ID);
    if ((id & 0xFFFF) == PCI_VENDOR_NONE)
      continue;
    header = pci_config_read(bus, device, 0, REG_HEADER) >> 16 & 0xFF;
    functions = header & PCI_MULTIFUNCTION ? PCI_FUNCTIONS : 1;
    for (function = 0; function < functions; function++) {
      if (function > 0) {
        id = pci_config_read(bus, device, function, REG_ID);
        if ((id & 0xFFFF) == PCI_VENDOR_NONE)
          continue;
      }
      add_function(scan, bus, device, function, id, depth);
    }
  }
}

int
pci_scan(struct pci_device *devices, int max)
{
  struct scan scan;

  scan.devices = devices;
  scan.max = max;
  scan.count = 0;
  scan_bus(&scan, 0, 0);
  return scan.count;
}
