#!/usr/bin/env python3
"""Writes the demo ISP deliveries (deterministic): two ISPs, generic CSV, a few malformed lines each.
Run from this folder: python3 generate.py"""
import random
from datetime import datetime, timedelta, timezone

IST = timezone(timedelta(hours=5, minutes=30))
HEADER = ("start_time,end_time,msisdn,imsi,imei,private_ip,private_port,public_ip,public_port,"
          "destination_ip,destination_port,protocol,bytes_up,bytes_down,cell_id,lat,lon")
# Destinations: WhatsApp/Facebook (AS32934), Telegram, Google, a DNS resolver, Jio IPv6.
DESTINATIONS = [("157.240.16.52", 443, "tcp"), ("157.240.198.60", 5222, "tcp"), ("149.154.167.51", 443, "tcp"),
                ("91.108.56.130", 443, "tcp"), ("142.250.183.14", 443, "tcp"), ("8.8.8.8", 53, "udp"),
                ("2a03:2880:f12f:83:face:b00c:0:25de", 443, "tcp"), ("2409:4042:2d8a::1", 443, "udp")]
CELLS = [("40445-1101-23001", 19.0760, 72.8777), ("40445-1101-23002", 19.0896, 72.8656),
         ("40445-1203-11007", 18.5204, 73.8567), ("40445-1304-55001", 28.6139, 77.2090)]
# Subscribers stay in their home city (Mumbai, Pune or Delhi), as phones do; one planted trip shows the
# impossible-travel flag: the subscriber below is seen in Mumbai minutes after Delhi.
HOMES = [CELLS[0:2], CELLS[2:3], CELLS[3:4]]
TRAVELLER = "919820000106"

# Two WhatsApp calls between a Jio and an Airtel subscriber (both legs at one relay, in step, one side's
# upload the other's download): the correlator links them as probable contacts (ipdr-links).
CALLS = [  # start (UTC), seconds, the caller's upload (the callee's download), the caller's download
    (datetime(2024, 3, 1, 14, 2, 10, tzinfo=timezone.utc), 742, 2_310_000, 1_870_000),
    (datetime(2024, 3, 1, 18, 40, 55, tzinfo=timezone.utc), 1_315, 4_120_000, 3_960_000),
]
CALLER = ("919820000103", "405857000000103", "10.77.3.10", "40445-1101-23001", 19.0760, 72.8777)
CALLEE = ("919990000505", "404100000000505", "10.45.7.21", "40445-1101-23002", 19.0896, 72.8656)

def call_legs(party, zone_style, first_leg):
    msisdn, imsi, priv, cell, lat, lon = party
    # zone-less times are read in the feed's zone (IST in the demo), so both legs are written as IST wall time
    fmt = (lambda d: d.astimezone(IST).isoformat()) if zone_style == "ist" else (lambda d: d.astimezone(IST).strftime("%Y-%m-%d %H:%M:%S"))
    legs = []
    for i, (start, seconds, one_way, other_way) in enumerate(CALLS):
        begin = start if first_leg else start + timedelta(seconds=2)
        end = start + timedelta(seconds=seconds + (0 if first_leg else 1))
        up, down = (one_way, other_way) if first_leg else (other_way - 12_000, one_way + 9_000)
        legs.append(",".join([fmt(begin), fmt(end), msisdn, imsi, "", priv, str(41000 + i), "", "",
                              "157.240.16.52", str(3478 + (0 if first_leg else 2)), "udp", str(up), str(down),
                              cell, f"{lat:.4f}", f"{lon:.4f}"]))
    return legs

def delivery(path, seed, msisdn_base, imsi_base, start, zone_style, sessions, malformed, extra=()):
    rnd = random.Random(seed)
    subscribers = [(f"{msisdn_base + k}", f"{imsi_base + k}", f"35{rnd.randrange(10**12, 10**13)}") for k in range(12)]
    lines = [HEADER]
    t = start
    last_seen = {}
    planted = False
    for i in range(sessions):
        k = rnd.randrange(len(subscribers))
        msisdn, imsi, imei = subscribers[k]
        dst, port, proto = rnd.choice(DESTINATIONS)
        t += timedelta(seconds=rnd.randrange(20, 600))
        home = HOMES[2] if msisdn == TRAVELLER else HOMES[k % 2]
        cell, lat, lon = rnd.choice(home)
        if msisdn == TRAVELLER and not planted and msisdn in last_seen and t - last_seen[msisdn] < timedelta(minutes=30):
            cell, lat, lon = CELLS[0]
            planted = True
        last_seen[msisdn] = t
        end = t + timedelta(seconds=rnd.randrange(5, 1800))
        fmt = (lambda d: d.astimezone(IST).isoformat()) if zone_style == "ist" else (lambda d: d.strftime("%Y-%m-%d %H:%M:%S"))
        priv = f"10.{rnd.randrange(0, 255)}.{rnd.randrange(0, 255)}.{rnd.randrange(1, 254)}"
        pub = f"100.64.{rnd.randrange(0, 255)}.{rnd.randrange(1, 254)}"
        lines.append(",".join([fmt(t), fmt(end), msisdn, imsi, imei, priv, str(rnd.randrange(1024, 65535)), pub,
                               str(rnd.randrange(1024, 65535)), dst, str(port), proto, str(rnd.randrange(200, 2_000_000)),
                               str(rnd.randrange(500, 50_000_000)), cell, f"{lat:.4f}", f"{lon:.4f}"]))
    for at, text in malformed:
        lines.insert(at, text)
    lines.extend(extra)
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")

delivery("deliveries/jio-demo/jio-ipdr-2024-03-01.csv", 1, 919820000100, 405857000000100,
         datetime(2024, 3, 1, 0, 0, tzinfo=timezone.utc), "ist", 400,
         [(57, "2024-03-01T09:14:00+05:30,,919820000101,,,10.1.2.300,1,,,8.8.8.8,53,udp,1,1,,,"),
          (230, "Total Records : 400")],
         call_legs(CALLER, "ist", True))
delivery("deliveries/airtel-demo/airtel-sessions-march.csv", 2, 919990000500, 404100000000500,
         datetime(2024, 3, 1, 0, 0, tzinfo=timezone.utc), "utc", 300,
         [(120, "2024-03-01 11:00:00,,9.19990E+11,,,10.9.9.9,1,,,8.8.8.8,53,udp,1,1,,,")],
         call_legs(CALLEE, "utc", False))
